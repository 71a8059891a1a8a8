import type { ExperimentAction } from '../../core/domain/experiment.js'
import type { ExperimentService } from '../../core/service/experiment-service.js'
import type { ProblemCode } from './problem-json.js'
import { INGEST_BODY_BYTES } from './request-body.js'

/** The method of a documented operation. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A method a resource answers: its operations' methods, plus `HEAD` wherever `GET` is. */
export type AllowedMethod = HttpMethod | 'HEAD'

const EXPERIMENTS = '/environments/{environmentKey}/experiments/'
const EXPERIMENT = `${EXPERIMENTS}{experimentId}/`
const METRICS = '/environments/{environmentKey}/metrics/'
const METRIC = `${METRICS}{metricId}/`
const ENVIRONMENT = '/environments/{environmentKey}/'

/** The path templates of the API below its base path, each with a trailing slash (optional in requests). */
export const PATHS = {
  experiments: EXPERIMENTS,
  experiment: EXPERIMENT,
  restore: `${EXPERIMENT}restore/`,
  start: `${EXPERIMENT}start/`,
  pause: `${EXPERIMENT}pause/`,
  complete: `${EXPERIMENT}complete/`,
  history: `${EXPERIMENT}history/`,
  experimentMetrics: `${EXPERIMENT}metrics/`,
  rollout: `${EXPERIMENT}rollout/`,
  metrics: METRICS,
  metric: METRIC,
  metricRestore: `${METRIC}restore/`,
  exposures: `${ENVIRONMENT}exposures/`,
  events: `${ENVIRONMENT}events/`,
  results: `${EXPERIMENT}results/`,
  resultsHistory: `${EXPERIMENT}results/history/`,
  audit: '/environments/{environmentKey}/audit/',
  experimentAudit: `${EXPERIMENT}audit/`,
} as const

/** The path template of an operation, below the base path. */
export type PathTemplate = (typeof PATHS)[keyof typeof PATHS]

/** The service methods the routes call (every one but the access check and the host-only ones). */
export type RoutedServiceMethod = Exclude<
  keyof ExperimentService,
  'authorize' | 'activeExperiment' | 'runScheduled'
>

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
    | 'setExperimentMetrics'
    | 'setExperimentRollout'
    | 'listMetrics'
    | 'createMetric'
    | 'getMetric'
    | 'updateMetric'
    | 'deleteMetric'
    | 'restoreMetric'
    | 'recordExposures'
    | 'recordEvents'
    | 'getExperimentResults'
    | 'getExperimentResultsHistory'
    | 'getAuditFeed'
    | 'getExperimentAudit'
  /** The {@link ExperimentService} method the handler calls. */
  readonly serviceMethod: RoutedServiceMethod
  readonly method: HttpMethod
  readonly path: PathTemplate
  /** The tag grouping the operation in the document. */
  readonly tag: 'experiments' | 'metrics' | 'results' | 'audit'
  readonly summary: string
  readonly success: 200 | 201 | 202 | 204
  /** The request body: a JSON object, described by the schema component of this name. */
  readonly body:
    | 'CreateExperimentInput'
    | 'UpdateExperimentInput'
    | 'SetExperimentMetricsInput'
    | 'RolloutInput'
    | 'CreateMetricInput'
    | 'UpdateMetricInput'
    | 'RecordExposuresInput'
    | 'RecordEventsInput'
    | null
  /**
   * The operation's own body limit in bytes, or `null` for the handler's `maxBodyBytes` (64 KiB
   * unless the host sets another). An own limit is a floor: a larger `maxBodyBytes` still wins.
   */
  readonly maxBodyBytes: number | null
  /** The response body on success. */
  readonly response:
    | 'Experiment'
    | 'ExperimentList'
    | 'History'
    | 'Metric'
    | 'MetricDetail'
    | 'MetricList'
    | 'IngestOutcome'
    | 'ExperimentResults'
    | 'ResultsHistory'
    | 'AuditFeed'
    | null
  /** Whether `If-Match` is honoured. */
  readonly ifMatch: boolean
  /** Problem codes this operation can answer with, besides those every operation can. */
  readonly errors: readonly ProblemCode[]
}

const BODY_ERRORS = ['malformed_json', 'payload_too_large', 'unsupported_media_type'] as const
const ITEM_WRITE_ERRORS = ['experiment_not_found', 'version_mismatch'] as const
const METRIC_WRITE_ERRORS = ['metric_not_found', 'version_mismatch'] as const

/** The audit feed's operations, after the metrics' (read-only, `view`). */
const AUDIT_ROUTES: readonly Route[] = [
  {
    operationId: 'getAuditFeed',
    serviceMethod: 'auditFeed',
    method: 'GET',
    path: PATHS.audit,
    tag: 'audit',
    summary: "Read the environment's audit entries as a feed, oldest first, from a cursor",
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'AuditFeed',
    ifMatch: false,
    errors: ['audit_feed_not_supported'],
  },
  {
    operationId: 'getExperimentAudit',
    serviceMethod: 'experimentAudit',
    method: 'GET',
    path: PATHS.experimentAudit,
    tag: 'audit',
    summary: "Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor",
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'AuditFeed',
    ifMatch: false,
    errors: ['experiment_not_found', 'audit_feed_not_supported'],
  },
]

/** Every operation of the REST API, in the order the OpenAPI document lists them. */
export const ROUTES: readonly Route[] = [
  {
    operationId: 'listExperiments',
    serviceMethod: 'list',
    method: 'GET',
    path: PATHS.experiments,
    tag: 'experiments',
    summary: 'List experiments, newest first',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'ExperimentList',
    ifMatch: false,
    errors: [],
  },
  {
    operationId: 'createExperiment',
    serviceMethod: 'create',
    method: 'POST',
    path: PATHS.experiments,
    tag: 'experiments',
    summary: 'Create an experiment',
    success: 201,
    body: 'CreateExperimentInput',
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: false,
    errors: [
      ...BODY_ERRORS,
      'feature_not_found',
      'feature_not_multivariate',
      'feature_not_in_project',
      'active_experiment_exists',
      'metric_not_found',
    ],
  },
  {
    operationId: 'getExperiment',
    serviceMethod: 'get',
    method: 'GET',
    path: PATHS.experiment,
    tag: 'experiments',
    summary: 'Retrieve an experiment',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
  {
    operationId: 'updateExperiment',
    serviceMethod: 'update',
    method: 'PATCH',
    path: PATHS.experiment,
    tag: 'experiments',
    summary: 'Update name, hypothesis and/or schedule',
    success: 200,
    body: 'UpdateExperimentInput',
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...BODY_ERRORS, ...ITEM_WRITE_ERRORS, 'feature_immutable', 'invalid_transition'],
  },
  {
    operationId: 'deleteExperiment',
    serviceMethod: 'delete',
    method: 'DELETE',
    path: PATHS.experiment,
    tag: 'experiments',
    summary: 'Soft-delete an experiment (not while running)',
    success: 204,
    body: null,
    maxBodyBytes: null,
    response: null,
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'experiment_running'],
  },
  {
    operationId: 'restoreExperiment',
    serviceMethod: 'restore',
    method: 'POST',
    path: PATHS.restore,
    tag: 'experiments',
    summary: 'Undo a delete',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'active_experiment_exists', 'metric_not_found'],
  },
  {
    operationId: 'startExperiment',
    serviceMethod: 'start',
    method: 'POST',
    path: PATHS.start,
    tag: 'experiments',
    summary: 'Start or resume an experiment',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition', 'active_experiment_exists'],
  },
  {
    operationId: 'pauseExperiment',
    serviceMethod: 'pause',
    method: 'POST',
    path: PATHS.pause,
    tag: 'experiments',
    summary: 'Pause a running experiment',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition'],
  },
  {
    operationId: 'completeExperiment',
    serviceMethod: 'complete',
    method: 'POST',
    path: PATHS.complete,
    tag: 'experiments',
    summary: 'Complete a running or paused experiment',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...ITEM_WRITE_ERRORS, 'invalid_transition'],
  },
  {
    operationId: 'getExperimentHistory',
    serviceMethod: 'history',
    method: 'GET',
    path: PATHS.history,
    tag: 'experiments',
    summary: 'Status history, oldest first',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'History',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
  {
    operationId: 'setExperimentMetrics',
    serviceMethod: 'setMetrics',
    method: 'PUT',
    path: PATHS.experimentMetrics,
    tag: 'experiments',
    summary: "Replace the experiment's metrics (the primary one is fixed once started)",
    success: 200,
    body: 'SetExperimentMetricsInput',
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [
      ...BODY_ERRORS,
      ...ITEM_WRITE_ERRORS,
      'metric_not_found',
      'primary_metric_locked',
      'experiment_completed',
    ],
  },
  {
    operationId: 'setExperimentRollout',
    serviceMethod: 'setRollout',
    method: 'PUT',
    path: PATHS.rollout,
    tag: 'experiments',
    summary: 'Set traffic and split (the split is fixed once started; traffic may ramp until completion)',
    success: 200,
    body: 'RolloutInput',
    maxBodyBytes: null,
    response: 'Experiment',
    ifMatch: true,
    errors: [...BODY_ERRORS, ...ITEM_WRITE_ERRORS, 'allocation_locked', 'experiment_completed'],
  },
  {
    operationId: 'listMetrics',
    serviceMethod: 'listMetrics',
    method: 'GET',
    path: PATHS.metrics,
    tag: 'metrics',
    summary: "List the environment's metrics, newest first",
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'MetricList',
    ifMatch: false,
    errors: [],
  },
  {
    operationId: 'createMetric',
    serviceMethod: 'createMetric',
    method: 'POST',
    path: PATHS.metrics,
    tag: 'metrics',
    summary: 'Create a metric',
    success: 201,
    body: 'CreateMetricInput',
    maxBodyBytes: null,
    response: 'Metric',
    ifMatch: false,
    errors: [...BODY_ERRORS, 'metric_name_taken'],
  },
  {
    operationId: 'getMetric',
    serviceMethod: 'getMetric',
    method: 'GET',
    path: PATHS.metric,
    tag: 'metrics',
    summary: 'Retrieve a metric with the experiments that list it',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'MetricDetail',
    ifMatch: false,
    errors: ['metric_not_found'],
  },
  {
    operationId: 'updateMetric',
    serviceMethod: 'updateMetric',
    method: 'PATCH',
    path: PATHS.metric,
    tag: 'metrics',
    summary: 'Update a metric (event and aggregation are fixed while a started experiment uses it)',
    success: 200,
    body: 'UpdateMetricInput',
    maxBodyBytes: null,
    response: 'Metric',
    ifMatch: true,
    errors: [...BODY_ERRORS, ...METRIC_WRITE_ERRORS, 'metric_name_taken', 'metric_in_use'],
  },
  {
    operationId: 'deleteMetric',
    serviceMethod: 'deleteMetric',
    method: 'DELETE',
    path: PATHS.metric,
    tag: 'metrics',
    summary: 'Soft-delete a metric (not while an experiment that is not completed lists it)',
    success: 204,
    body: null,
    maxBodyBytes: null,
    response: null,
    ifMatch: true,
    errors: [...METRIC_WRITE_ERRORS, 'metric_in_use'],
  },
  {
    operationId: 'restoreMetric',
    serviceMethod: 'restoreMetric',
    method: 'POST',
    path: PATHS.metricRestore,
    tag: 'metrics',
    summary: 'Undo a metric delete',
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'Metric',
    ifMatch: true,
    errors: [...METRIC_WRITE_ERRORS, 'metric_name_taken'],
  },
  {
    operationId: 'recordExposures',
    serviceMethod: 'recordExposures',
    method: 'POST',
    path: PATHS.exposures,
    tag: 'results',
    summary: 'Record a batch of 1 to 1000 exposures (idempotent: a repeat is a duplicate)',
    success: 202,
    body: 'RecordExposuresInput',
    maxBodyBytes: INGEST_BODY_BYTES,
    response: 'IngestOutcome',
    ifMatch: false,
    errors: [...BODY_ERRORS],
  },
  {
    operationId: 'recordEvents',
    serviceMethod: 'recordEvents',
    method: 'POST',
    path: PATHS.events,
    tag: 'results',
    summary: 'Record a batch of 1 to 1000 events (idempotent by event id)',
    success: 202,
    body: 'RecordEventsInput',
    maxBodyBytes: INGEST_BODY_BYTES,
    response: 'IngestOutcome',
    ifMatch: false,
    errors: [...BODY_ERRORS],
  },
  {
    operationId: 'getExperimentResults',
    serviceMethod: 'results',
    method: 'GET',
    path: PATHS.results,
    tag: 'results',
    summary: "The experiment's results: exposures, sample ratio check and every metric against the control",
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'ExperimentResults',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
  {
    operationId: 'getExperimentResultsHistory',
    serviceMethod: 'resultsHistory',
    method: 'GET',
    path: PATHS.resultsHistory,
    tag: 'results',
    summary:
      "The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results)",
    success: 200,
    body: null,
    maxBodyBytes: null,
    response: 'ResultsHistory',
    ifMatch: false,
    errors: ['experiment_not_found'],
  },
  ...AUDIT_ROUTES,
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
  setMetrics: 'update',
  setRollout: 'update',
  listMetrics: 'view',
  getMetric: 'view',
  createMetric: 'manage_metrics',
  updateMetric: 'manage_metrics',
  deleteMetric: 'manage_metrics',
  restoreMetric: 'manage_metrics',
  recordExposures: 'ingest',
  recordEvents: 'ingest',
  results: 'view',
  resultsHistory: 'view',
  auditFeed: 'view',
  experimentAudit: 'view',
} as const satisfies Record<RoutedServiceMethod, ExperimentAction>

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

/** What a request path and method resolve to; `id` is the experiment's or metric's path segment. */
export type RouteMatch =
  | {
      readonly kind: 'route'
      readonly route: Route
      readonly environmentKey: string
      readonly id: string
    }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly AllowedMethod[] }
  | { readonly kind: 'not_found' }

/** Percent-decodes a path segment; a malformed one is kept as is (and names no environment). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const splitTemplate = (template: string): string[] => template.slice(1, -1).split('/')

/** The path templates, each once, split into segments. */
const TEMPLATES = [...new Set(ROUTES.map((route) => route.path))].map((path) => ({
  path,
  segments: splitTemplate(path),
}))

/**
 * Matches request segments against a template's: literals exactly (case and encoding included),
 * parameters as any non-empty segment. The environment key is percent-decoded; ids are kept as
 * sent, since only a UUID names anything.
 */
function bind(template: readonly string[], segments: readonly string[]) {
  if (template.length !== segments.length) return null
  let environmentKey = ''
  let id = ''
  for (const [index, part] of template.entries()) {
    const segment = segments[index] ?? ''
    if (!part.startsWith('{')) {
      if (part !== segment) return null
    } else if (segment === '') return null
    else if (part === '{environmentKey}') environmentKey = decodeSegment(segment)
    else id = segment
  }
  return { environmentKey, id }
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
  if (!pathname.startsWith(`${basePath}/`)) return { kind: 'not_found' }
  const rest = pathname.slice(basePath.length + 1)
  const segments = (rest.endsWith('/') ? rest.slice(0, -1) : rest).split('/')
  for (const template of TEMPLATES) {
    const bound = bind(template.segments, segments)
    if (bound === null) continue
    const candidates = ROUTES.filter((route) => route.path === template.path)
    const wanted = method === 'HEAD' ? 'GET' : method
    const route = candidates.find((candidate) => candidate.method === wanted)
    if (route === undefined) return { kind: 'method_not_allowed', allow: allowedMethods(candidates) }
    return { kind: 'route', route, ...bound }
  }
  return { kind: 'not_found' }
}
