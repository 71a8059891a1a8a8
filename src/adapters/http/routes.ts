import type { ExperimentAction } from '../../core/domain/experiment.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import type { ProblemCode } from './problem-json.js'

/** The method of a documented operation. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A method a resource answers: its operations' methods, plus `HEAD` wherever `GET` is. */
export type AllowedMethod = HttpMethod | 'HEAD'

/** Which resource of the API a path names. */
export type Resource = 'collection' | 'item' | 'restore' | 'start' | 'pause' | 'complete' | 'history'

/** One operation of the API: what the handler dispatches on and what the OpenAPI document describes. */
export interface Route {
  /** The operation's name in the OpenAPI document. */
  readonly operationId:
    | 'listExperiments'
    | 'createExperiment'
    | 'getExperiment'
    | 'updateExperiment'
    | 'deleteExperiment'
    | 'restoreExperiment'
    | 'startExperiment'
    | 'pauseExperiment'
    | 'completeExperiment'
    | 'getExperimentHistory'
  /** The {@link ExperimentService} method the handler calls. */
  readonly serviceMethod: Exclude<keyof ExperimentService, 'authorize'>
  readonly method: HttpMethod
  readonly resource: Resource
  readonly summary: string
  readonly success: 200 | 201 | 204
  /** The request body: a JSON object parsed by this core schema's name. */
  readonly body: 'CreateExperimentInput' | 'UpdateExperimentInput' | null
  /** The response body on success. */
  readonly response: 'Experiment' | 'ExperimentList' | 'History' | null
  /** Whether `If-Match` is honoured. */
  readonly ifMatch: boolean
  /** Problem codes this operation can answer with, besides those every operation can. */
  readonly errors: readonly ProblemCode[]
}

const BODY_ERRORS = ['malformed_json', 'payload_too_large', 'unsupported_media_type'] as const
const ITEM_WRITE_ERRORS = ['experiment_not_found', 'version_mismatch'] as const

/** Every operation of the REST API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  {
    operationId: 'listExperiments',
    serviceMethod: 'list',
    method: 'GET',
    resource: 'collection',
    summary: 'List experiments, newest first',
    success: 200,
    body: null,
    response: 'ExperimentList',
    ifMatch: false,
    errors: [],
  },
  {
    operationId: 'createExperiment',
    serviceMethod: 'create',
    method: 'POST',
    resource: 'collection',
    summary: 'Create an experiment',
    success: 201,
    body: 'CreateExperimentInput',
    response: 'Experiment',
    ifMatch: false,
    errors: [
      ...BODY_ERRORS,
      'feature_not_found',
      'feature_not_multivariate',
      'feature_not_in_project',
      'active_experiment_exists',
    ],
  },
  {
    operationId: 'getExperiment',
    serviceMethod: 'get',
    method: 'GET',
    resource: 'item',
    summary: 'Retrieve an experiment',
    success: 200,
    body: null,
    response: 'Experiment',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
  {
    operationId: 'updateExperiment',
    serviceMethod: 'update',
    method: 'PATCH',
    resource: 'item',
    summary: 'Update name and/or hypothesis',
    success: 200,
    body: 'UpdateExperimentInput',
    response: 'Experiment',
    ifMatch: true,
    errors: [...BODY_ERRORS, ...ITEM_WRITE_ERRORS, 'feature_immutable'],
  },
  {
    operationId: 'deleteExperiment',
    serviceMethod: 'delete',
    method: 'DELETE',
    resource: 'item',
    summary: 'Soft-delete an experiment (not while running)',
    success: 204,
    body: null,
    response: null,
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'experiment_running'],
  },
  {
    operationId: 'restoreExperiment',
    serviceMethod: 'restore',
    method: 'POST',
    resource: 'restore',
    summary: 'Undo a delete',
    success: 200,
    body: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'active_experiment_exists'],
  },
  {
    operationId: 'startExperiment',
    serviceMethod: 'start',
    method: 'POST',
    resource: 'start',
    summary: 'Start or resume an experiment',
    success: 200,
    body: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition', 'active_experiment_exists'],
  },
  {
    operationId: 'pauseExperiment',
    serviceMethod: 'pause',
    method: 'POST',
    resource: 'pause',
    summary: 'Pause a running experiment',
    success: 200,
    body: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition'],
  },
  {
    operationId: 'completeExperiment',
    serviceMethod: 'complete',
    method: 'POST',
    resource: 'complete',
    summary: 'Complete a running or paused experiment',
    success: 200,
    body: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition'],
  },
  {
    operationId: 'getExperimentHistory',
    serviceMethod: 'history',
    method: 'GET',
    resource: 'history',
    summary: 'Status history, oldest first',
    success: 200,
    body: null,
    response: 'History',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
]

/** The permission each operation asks for. */
export const ROUTE_ACTION = {
  list: 'view',
  get: 'view',
  history: 'view',
  create: 'create',
  update: 'update',
  delete: 'delete',
  restore: 'restore',
  start: 'start',
  pause: 'pause',
  complete: 'complete',
} as const satisfies Record<Route['serviceMethod'], ExperimentAction>

/** Problem codes every operation can answer with. */
export const COMMON_ERRORS: readonly ProblemCode[] = [
  'validation_failed',
  'unauthenticated',
  'experimentation_disabled',
  'forbidden',
  'environment_not_found',
  'internal_error',
  'unavailable',
]

/** The OpenAPI path template of a resource, below the base path. */
export function pathTemplate(resource: Resource): string {
  const collection = '/environments/{environmentKey}/experiments/'
  if (resource === 'collection') return collection
  return resource === 'item' ? `${collection}{experimentId}/` : `${collection}{experimentId}/${resource}/`
}

/** What a request path and method resolve to. */
export type RouteMatch =
  | {
      readonly kind: 'route'
      readonly route: Route
      readonly environmentKey: string
      readonly experimentId: string
    }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly AllowedMethod[] }
  | { readonly kind: 'not_found' }

const ACTIONS = new Set<string>(['restore', 'start', 'pause', 'complete', 'history'])

/** Percent-decodes a path segment; a malformed one is kept as is (and names no environment). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function resourceOf(
  pathname: string,
  basePath: string,
): { resource: Resource; environmentKey: string; experimentId: string } | null {
  if (!pathname.startsWith(`${basePath}/`)) return null
  const rest = pathname.slice(basePath.length + 1)
  const segments = (rest.endsWith('/') ? rest.slice(0, -1) : rest).split('/')
  const [environments, rawKey, experiments, experimentId = '', action, ...extra] = segments
  if (environments !== 'environments' || experiments !== 'experiments' || extra.length > 0) return null
  if (rawKey === undefined || rawKey === '' || (segments.length > 3 && experimentId === '')) return null
  const environmentKey = decodeSegment(rawKey)
  if (action === undefined)
    return { resource: segments.length === 3 ? 'collection' : 'item', environmentKey, experimentId }
  return ACTIONS.has(action) ? { resource: action as Resource, environmentKey, experimentId } : null
}

/** The methods of a resource's operations, with `HEAD` right after `GET`. */
function allowedMethods(routes: readonly Route[]): AllowedMethod[] {
  return routes.flatMap((route): AllowedMethod[] =>
    route.method === 'GET' ? ['GET', 'HEAD'] : [route.method],
  )
}

/**
 * Resolves a request to a route; `basePath` has no trailing slash (`''` or `/api/v1`). `HEAD`
 * resolves to the resource's `GET` route: the handler answers it as `GET` without the body.
 */
export function matchRoute(method: string, pathname: string, basePath: string): RouteMatch {
  const found = resourceOf(pathname, basePath)
  if (found === null) return { kind: 'not_found' }
  const candidates = ROUTES.filter((route) => route.resource === found.resource)
  const wanted = method === 'HEAD' ? 'GET' : method
  const route = candidates.find((candidate) => candidate.method === wanted)
  if (route === undefined) return { kind: 'method_not_allowed', allow: allowedMethods(candidates) }
  return { kind: 'route', route, environmentKey: found.environmentKey, experimentId: found.experimentId }
}
