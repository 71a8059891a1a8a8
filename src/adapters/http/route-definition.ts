import type { ResultAsync } from 'neverthrow'
import type { z } from 'zod'
import type { ExperimentError } from '../../core/domain/errors.js'
import type { Actor, ExperimentAction } from '../../core/domain/experiment.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import { etagOf, jsonResponse } from './json/json-response.js'
import type { Representation } from './json/representation.js'
import type { ProblemCode } from './problem-json.js'

/** The method of a documented operation. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A method a resource answers: its operations' methods, plus `HEAD` wherever `GET` is. */
export type AllowedMethod = HttpMethod | 'HEAD'

/** How the OpenAPI document describes one query parameter, besides its schema. */
export interface QueryParameterDoc {
  readonly description: string
  readonly style?: 'form'
  readonly explode?: boolean
}

/** The query parameters of a list operation: every other operation takes none. */
export interface RouteQuery {
  /** The service's strict input schema: its keys are the parameters, its fields their schemas. */
  readonly schema: z.ZodObject
  /** The parameters that may repeat or hold comma-separated values. */
  readonly multiValued: readonly string[]
  /** Each parameter's documentation, in the order the document lists them. */
  readonly docs: Readonly<Record<string, QueryParameterDoc>>
}

/** A JSON request body: the service's input schema, documented under `name` in JSON names. */
export interface RequestBody {
  readonly name: string
  readonly schema: z.ZodType
  /**
   * The operation's own body limit in bytes, a floor: the handler's `maxBodyBytes` (64 KiB
   * unless the host sets another) still wins when it is larger.
   */
  readonly maxBytes?: number
}

/** What the handler hands an operation once the caller may do it and the request is read. */
export interface RouteCall {
  readonly service: ExperimentService
  /** The caller, as granted by the one access check of the request. */
  readonly actor: Actor
  readonly environmentKey: string
  /** The experiment's or metric's id from the path; `''` on a collection. */
  readonly id: string
  /** From `If-Match`, when the operation honours it. */
  readonly expectedVersion: number | undefined
  /** The JSON body with its fields renamed to the service's names; `undefined` without one. */
  readonly body: unknown
  /** A list's query parameters as the service's input (see {@link RouteQuery}); `{}` otherwise. */
  readonly query: Record<string, unknown>
}

/** The tag grouping an operation in the OpenAPI document. */
export type RouteTag = 'experiments' | 'metrics' | 'results' | 'audit'

/** Everything about one operation of the API, in one place: see {@link defineRoute}. */
export interface RouteDefinition<T> {
  /** The operation's name in the OpenAPI document. */
  readonly operationId: string
  readonly method: HttpMethod
  /** The path template below the base path, with a trailing slash (optional in requests). */
  readonly path: string
  readonly tag: RouteTag
  readonly summary: string
  /** The permission the operation asks for, checked once, before the request is read. */
  readonly action: ExperimentAction
  readonly body?: RequestBody
  readonly query?: RouteQuery
  /** Whether `If-Match` is honoured. */
  readonly ifMatch?: boolean
  readonly success: 200 | 201 | 202 | 204
  /** The body on success; none for a 204. */
  readonly response: Representation<T> | null
  /** Problem codes this operation can answer with, besides those every operation (or body) can. */
  readonly errors: readonly ProblemCode[]
  /** The service call; the service validates the body and query itself. */
  readonly call: (call: RouteCall) => ResultAsync<T, ExperimentError>
}

/** An operation as the handler runs it and the OpenAPI document describes it. */
export interface Route extends Omit<RouteDefinition<never>, 'call' | 'body' | 'query' | 'ifMatch'> {
  readonly body: RequestBody | null
  readonly query: RouteQuery | null
  readonly ifMatch: boolean
  /** Runs the operation: the success response, or the service's error. */
  readonly run: (call: RouteCall, basePath: string) => Promise<Response | ExperimentError>
}

/** Problem codes every operation with a request body can answer with. */
const BODY_ERRORS = ['malformed_json', 'payload_too_large', 'unsupported_media_type'] as const

/**
 * The request body or query as the service method's parameter type: the service validates every
 * input itself (strict schemas, after the access check), so it is handed over unchecked.
 */
export const serviceInput = <I>(input: unknown): I => input as I

/** The response of a success: the route's status, its body, `ETag` and `Location` as they apply. */
function successResponse<T>(route: RouteDefinition<T>, call: RouteCall, basePath: string, value: T) {
  const { response } = route
  if (response === null) return new Response(null, { status: route.success })
  const headers: Record<string, string> = {}
  const resource = response.resource?.(value)
  if (resource !== undefined) {
    headers.etag = etagOf(resource.version)
    if (route.success === 201) {
      const collection = route.path.replace('{environmentKey}', encodeURIComponent(call.environmentKey))
      headers.location = `${basePath}${collection}${encodeURIComponent(resource.id)}/`
    }
  }
  return jsonResponse(route.success, response.toJson(value), headers)
}

/**
 * Defines one operation of the API: its path, method, permission, inputs, service call and
 * response. The handler runs it and the OpenAPI document describes it from this one definition.
 *
 * @example
 * ```ts
 * const getMetric = defineRoute({
 *   operationId: 'getMetric', method: 'GET', path: METRIC, tag: 'metrics', summary: 'Retrieve a metric',
 *   action: 'view', success: 200, response: METRIC_DETAIL, errors: ['metric_not_found'],
 *   call: ({ service, actor, environmentKey, id }) => service.getMetric(actor, environmentKey, id),
 * })
 * ```
 */
export function defineRoute<T>(definition: RouteDefinition<T>): Route {
  const { call: _call, ...described } = definition
  return {
    ...described,
    body: definition.body ?? null,
    query: definition.query ?? null,
    ifMatch: definition.ifMatch ?? false,
    errors: definition.body === undefined ? definition.errors : [...BODY_ERRORS, ...definition.errors],
    run: (call, basePath) =>
      definition.call(call).match(
        (value) => successResponse(definition, call, basePath, value),
        (error) => error,
      ),
  }
}
