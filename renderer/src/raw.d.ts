/** Vite's `?raw` import: the file's text (the code samples of docs/samples/). */
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
