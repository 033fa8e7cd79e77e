/** Postman's cURL parser (curl-to-postmanv2) ships no types; this is the part Botbench calls. */
declare module 'curl-to-postmanv2' {
  interface ConvertResult {
    result: boolean;
    reason?: string;
    output?: Array<{ type: string; data: unknown }>;
  }
  const curlToPostman: {
    convert(input: { type: 'string'; data: string }, callback: (error: unknown, result: ConvertResult) => void): void;
  };
  export default curlToPostman;
}
