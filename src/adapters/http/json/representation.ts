import type { z } from 'zod'

/**
 * How a service value goes on the wire: the response body's schema (a component of the OpenAPI
 * document under `name`), the serializer that builds it, and, for a resource with a version, the
 * id and version behind its `ETag` (and `Location` when it was just created).
 */
export interface Representation<T> {
  /** The body's component name in the OpenAPI document. */
  readonly name: string
  /** The body's schema, which the document describes. */
  readonly schema: z.ZodType
  /** Schemas the body embeds that the document names as components of their own. */
  readonly parts?: Readonly<Record<string, z.ZodType>>
  readonly toJson: (value: T) => unknown
  /** The resource behind the body, for a versioned one: its `ETag` is `"<version>"`. */
  readonly resource?: (value: T) => { readonly id: string; readonly version: number }
}
