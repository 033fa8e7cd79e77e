/** Vite's `?raw` import: the file's text (the code samples). */
declare module '*.txt?raw' {
  const text: string;
  export default text;
}
