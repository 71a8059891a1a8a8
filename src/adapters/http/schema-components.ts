import { z } from 'zod'
import type { JsonSchema } from './json-schema.js'
import { ProblemJson, type ProblemCode } from './problem-json.js'
import type { Route } from './route-definition.js'
import { toWireSchema } from './wire-names.js'

/** The component name of the problem schema of one `code`, e.g. `ValidationFailedProblem`. */
export function problemSchemaName(code: ProblemCode): string {
  return `${code.replace(/(^|_)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase())}Problem`
}

/** Drops what a standalone schema carries but an embedded one must not (`$schema`, `$id`). */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema
  return rest
}

/** Marks the branch of a union that only an in-process caller can send (a `Date`). */
const IN_PROCESS_ONLY = 'x-in-process-only'

/**
 * Drops the union branches JSON cannot carry: the core also accepts a `Date` where a body sends
 * an ISO 8601 string (`at` of an exposure or event), and a body can only ever hold the string.
 */
function withoutInProcessBranches(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutInProcessBranches)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) out[key] = withoutInProcessBranches(value)
  if (!Array.isArray(out.anyOf)) return out
  const branches = out.anyOf.filter(
    (branch) => !(typeof branch === 'object' && branch !== null && IN_PROCESS_ONLY in branch),
  )
  const { anyOf: _anyOf, ...rest } = out
  return branches.length === 1 ? { ...rest, ...(branches[0] as object) } : { ...rest, anyOf: branches }
}

function generate(
  entries: ReadonlyArray<readonly [string, z.ZodType]>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of entries) registry.add(schema, { id })
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') jsonSchema[IN_PROCESS_ONLY] = true
    },
  }) as { schemas: Record<string, JsonSchema> }
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => [
      id,
      withoutInProcessBranches(embedded(schema)) as JsonSchema,
    ]),
  )
}

/** The request and response schemas the routes name, each once, in the routes' order. */
function namedSchemas(routes: readonly Route[]) {
  const requests = new Map<string, z.ZodType>()
  const responses = new Map<string, z.ZodType>()
  for (const { body, response } of routes) {
    if (body !== null) requests.set(body.name, body.schema)
    if (response === null) continue
    responses.set(response.name, response.schema)
    for (const [name, part] of Object.entries(response.parts ?? {})) responses.set(name, part)
  }
  return { requests: [...requests], responses: [...responses] }
}

/**
 * Every named schema of the document, generated from the zod schemas the routes run on: the
 * service's input schemas (as accepted, `io: 'input'`, with the JSON names of their fields), the
 * response schemas, and the problem details.
 */
export function schemaComponents(routes: readonly Route[]): Record<string, JsonSchema> {
  const { requests, responses } = namedSchemas(routes)
  const inputs = Object.entries(generate(requests, 'input')).map(
    ([id, schema]) => [id, toWireSchema(schema)] as const,
  )
  const problems = ProblemJson.options.map(
    (option) => [problemSchemaName(option.shape.code.value), option] as const,
  )
  const outputs = generate([...responses, ['Problem', ProblemJson], ...problems], 'output')
  return { ...Object.fromEntries(inputs), ...outputs }
}

/** The JSON Schema of each query parameter of a list, from the core's list input schema. */
export function listQuerySchemas(schema: z.ZodObject): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, schema]) => [
      name,
      embedded(z.toJSONSchema(schema as z.ZodType, { target: 'draft-2020-12', io: 'input' }) as JsonSchema),
    ]),
  )
}
