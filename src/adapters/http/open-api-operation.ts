import { PROBLEMS, type ProblemCode } from './problem-json.js'
import type { Route } from './route-definition.js'
import { COMMON_ERRORS } from './route-table.js'
import { listQuerySchemas, problemSchemaName } from './schema-components.js'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** The answer to a conditional `GET` whose `If-None-Match` matches. */
const NOT_MODIFIED = {
  description: 'Not modified: `If-None-Match` matches the current ETag; no content.',
  headers: { ETag: { $ref: '#/components/headers/ETag' } },
}

/** One response per problem status, naming the codes it can carry and their schemas. */
function problemResponses(codes: readonly ProblemCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ProblemCode[]>()
  for (const code of codes)
    byStatus.set(PROBLEMS[code].status, [...(byStatus.get(PROBLEMS[code].status) ?? []), code])
  return Object.fromEntries(
    [...byStatus].map(([status, group]) => {
      const schema =
        group.length === 1
          ? ref(problemSchemaName(group[0] as ProblemCode))
          : { oneOf: group.map((c) => ref(problemSchemaName(c))) }
      const headers =
        status === 401
          ? { 'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' } }
          : status === 503
            ? { 'Retry-After': { $ref: '#/components/headers/Retry-After' } }
            : undefined
      const description = group.map((c) => `\`${c}\``).join(', ')
      return [
        String(status),
        { description, ...(headers && { headers }), content: { 'application/problem+json': { schema } } },
      ]
    }),
  )
}

/** The success response: the representation's schema, `ETag` for a versioned one, `Location` for a 201. */
function successResponse(route: Route): Record<string, unknown> {
  if (route.response === null) return { description: 'Done; no content.' }
  const headers: Record<string, unknown> = {}
  if (route.response.resource !== undefined) headers.ETag = { $ref: '#/components/headers/ETag' }
  if (route.success === 201) headers.Location = { $ref: '#/components/headers/Location' }
  return {
    description: route.summary,
    ...(Object.keys(headers).length > 0 && { headers }),
    content: { 'application/json': { schema: ref(route.response.name) } },
  }
}

/**
 * The OpenAPI operation object of a route: its parameters (path ones are the path item's),
 * request body, success response with its headers, and one response per problem status.
 */
export function describeOperation(route: Route): Record<string, unknown> {
  const parameters: unknown[] = []
  if (route.ifMatch) parameters.push({ $ref: '#/components/parameters/If-Match' })
  // A versioned resource's GET honours If-None-Match.
  const conditional = route.method === 'GET' && route.response?.resource !== undefined
  if (conditional) parameters.push({ $ref: '#/components/parameters/If-None-Match' })
  if (route.query !== null) {
    const schemas = listQuerySchemas(route.query.schema)
    for (const [name, doc] of Object.entries(route.query.docs)) {
      parameters.push({ name, in: 'query', required: false, schema: schemas[name], ...doc })
    }
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length > 0 && { parameters }),
    ...(route.body !== null && {
      requestBody: { required: true, content: { 'application/json': { schema: ref(route.body.name) } } },
    }),
    responses: {
      [String(route.success)]: successResponse(route),
      ...(conditional && { 304: NOT_MODIFIED }),
      ...problemResponses([...COMMON_ERRORS, ...route.errors]),
    },
  }
}

/**
 * The `HEAD` operation of a `GET` one: the same parameters, statuses and headers, no content.
 * `getExperiment` becomes `headExperiment`, `listExperiments` `headExperiments`.
 */
export function headOperation(get: Record<string, unknown>): Record<string, unknown> {
  const responses = Object.entries(get.responses as Record<string, Record<string, unknown>>).map(
    ([status, { content: _content, ...withoutContent }]) => [status, withoutContent] as const,
  )
  return {
    ...get,
    operationId: `head${String(get.operationId).replace(/^[a-z]+/, '')}`,
    summary: `${String(get.summary)}: headers only`,
    responses: Object.fromEntries(responses),
  }
}
