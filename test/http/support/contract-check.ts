import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { expect } from 'vitest'

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- walks arbitrary JSON documents and bodies */
type Json = Record<string, any>

/** A response as the tests see it: status, headers and the parsed body (`null` when empty). */
export interface CheckedResponse {
  readonly status: number
  readonly headers: Headers
  readonly body: any
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void
const METHODS = ['get', 'head', 'post', 'patch', 'delete', 'put']
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/**
 * Checks responses against an OpenAPI document: the operation the request maps to must
 * document the status, the content type and the body's schema, and the required headers.
 * Requests outside the document must be 404, a method a path lacks 405 with the path's `Allow`.
 * A response to `HEAD` never has a body; its `Content-Type` is still the one `GET` would send.
 */
export function createContractCheck(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(document, 'openapi')
  const paths = Object.keys(document.paths as Json).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\/$/, '')}/?$`),
  }))

  function validate(schemaPointer: string, body: unknown): void {
    const validator = ajv.getSchema(`openapi#${schemaPointer}`)
    expect(validator, `schema at ${schemaPointer}`).toBeDefined()
    const valid = validator!(body)
    expect(
      valid,
      `${JSON.stringify(body)} against ${schemaPointer}: ${ajv.errorsText(validator!.errors)}`,
    ).toBe(true)
  }

  function resolve(node: Json): Json {
    const ref = node.$ref as string | undefined
    if (ref === undefined) return node
    return ref
      .slice(2)
      .split('/')
      .reduce<Json>((at, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')], document)
  }

  return function check(method: string, url: URL, response: CheckedResponse): void {
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? null
    const found = paths.find((p) => p.regex.test(url.pathname))
    const operation = found && (document.paths[found.template] as Json)[method.toLowerCase()]
    if (found === undefined || operation === undefined) {
      expect(response.status, `${method} ${url.pathname} is not documented`).toBe(
        found === undefined ? 404 : 405,
      )
      if (found !== undefined) {
        const documented = METHODS.filter((m) => m in (document.paths[found.template] as Json)).map((m) =>
          m.toUpperCase(),
        )
        expect(response.headers.get('allow')?.split(', ').sort()).toEqual(documented.sort())
      }
      expect(contentType).toBe('application/problem+json')
      if (method.toUpperCase() === 'HEAD') expect(response.body, 'a response to HEAD has no body').toBeNull()
      else validate('/components/schemas/Problem', response.body)
      return
    }
    const responsePointer = [
      '/paths',
      pointer(found.template),
      method.toLowerCase(),
      'responses',
      String(response.status),
    ].join('/')
    const documented = (operation.responses as Json)[String(response.status)] as Json | undefined
    expect(documented, `${method} ${found.template} does not document ${response.status}`).toBeDefined()
    for (const [name, header] of Object.entries((documented!.headers ?? {}) as Json)) {
      const spec = resolve(header as Json)
      const value = response.headers.get(name)
      if (spec.required === true) expect(value, `header ${name}`).not.toBeNull()
      if (value !== null && typeof spec.schema?.pattern === 'string')
        expect(value).toMatch(new RegExp(spec.schema.pattern as string))
    }
    if (documented!.content === undefined) {
      expect(response.body, 'a response without documented content has no body').toBeNull()
      const asGet = method.toUpperCase() === 'HEAD' ? (document.paths[found.template] as Json).get : undefined
      const getContent = (asGet?.responses as Json | undefined)?.[String(response.status)]?.content as Json
      if (getContent !== undefined)
        expect(Object.keys(getContent), `HEAD content type of ${response.status}`).toContain(contentType)
      return
    }
    expect(Object.keys(documented!.content as Json), `content type of ${response.status}`).toContain(
      contentType,
    )
    validate(`${responsePointer}/content/${pointer(contentType!)}/schema`, response.body)
    if (contentType === 'application/problem+json') expect(response.body.status).toBe(response.status)
    if (documented!.headers?.ETag !== undefined)
      expect(response.headers.get('etag')).toBe(`"${response.body.version}"`)
  }
}
