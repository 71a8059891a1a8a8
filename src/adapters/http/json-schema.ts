/** A JSON Schema (2020-12) object, as it appears in an OpenAPI 3.1 document. */
export type JsonSchema = Record<string, unknown>
