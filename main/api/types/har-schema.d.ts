/** The HAR 1.2 JSON schemas (har-schema) ship without types: one schema object per HAR part, by name. */
declare module 'har-schema' {
  const schemas: Record<string, Record<string, unknown>>;
  export default schemas;
}
