import { z } from 'zod'
import type { ExperimentErrorCode } from '../../core/domain/errors.js'
import { EXPERIMENT_ACTIONS, EXPERIMENT_STATUSES } from '../../core/domain/vocabulary.js'

/** The `code` of a failure the HTTP layer reports itself, before or around the service. */
export type HttpErrorCode =
  | 'malformed_json'
  | 'unauthenticated'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal_error'

/** Every `code` a problem response can carry. */
export type ProblemCode = ExperimentErrorCode | HttpErrorCode

/** The HTTP status and the `title` of every problem `code`: the single source of truth. */
export const PROBLEMS = {
  validation_failed: { status: 400, title: 'Validation failed' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  feature_not_found: { status: 400, title: 'Feature not found' },
  feature_not_multivariate: { status: 400, title: 'Feature not multivariate' },
  feature_not_in_project: { status: 400, title: 'Feature not in project' },
  feature_immutable: { status: 400, title: 'Feature immutable' },
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  experimentation_disabled: { status: 403, title: 'Experimentation disabled' },
  forbidden: { status: 403, title: 'Forbidden' },
  environment_not_found: { status: 404, title: 'Environment not found' },
  experiment_not_found: { status: 404, title: 'Experiment not found' },
  metric_not_found: { status: 404, title: 'Metric not found' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  active_experiment_exists: { status: 409, title: 'Active experiment exists' },
  invalid_transition: { status: 409, title: 'Invalid transition' },
  experiment_running: { status: 409, title: 'Experiment running' },
  metric_name_taken: { status: 409, title: 'Metric name taken' },
  metric_in_use: { status: 409, title: 'Metric in use' },
  primary_metric_locked: { status: 409, title: 'Primary metric locked' },
  allocation_locked: { status: 409, title: 'Allocation locked' },
  analysis_locked: { status: 409, title: 'Analysis locked' },
  experiment_completed: { status: 409, title: 'Experiment completed' },
  version_mismatch: { status: 412, title: 'Version mismatch' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  internal_error: { status: 500, title: 'Internal error' },
  audit_feed_not_supported: { status: 501, title: 'Audit feed not supported' },
  ingestion_not_supported: { status: 501, title: 'Ingestion not supported' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<ProblemCode, { status: number; title: string }>

/** The `type` URI of a problem: a stable identifier per `code` (not meant to be dereferenced). */
export function problemType(code: ProblemCode): string {
  return `urn:flag-experiments:problem:${code}`
}

const Status = z.enum(EXPERIMENT_STATUSES)

/** The problem schema of one `code`, with its fixed `status`, `title`, `type` and its details. */
function problem<C extends ProblemCode, S extends z.ZodRawShape>(code: C, details: S) {
  return z.strictObject({
    type: z.literal(problemType(code)),
    title: z.literal(PROBLEMS[code].title),
    status: z.literal(PROBLEMS[code].status),
    detail: z.string().describe('Human-readable; do not parse it, branch on `code`.'),
    code: z.literal(code),
    ...details,
  })
}

const featureId = { feature_id: z.string() }

/**
 * An RFC 9457 problem details body (`application/problem+json`): `{ type, title, status,
 * detail, code, ...details }`, a union discriminated by `code`. Details are snake_case.
 */
export const ProblemJson = z
  .discriminatedUnion('code', [
    problem('validation_failed', {
      issues: z
        .array(z.strictObject({ path: z.string(), message: z.string() }))
        .describe('Every problem found; `path` is the dotted field path, a query parameter or `If-Match`.'),
    }),
    problem('malformed_json', {}),
    problem('feature_not_found', featureId),
    problem('feature_not_multivariate', featureId),
    problem('feature_not_in_project', featureId),
    problem('feature_immutable', {}),
    problem('unauthenticated', {}),
    problem('experimentation_disabled', {}),
    problem('forbidden', { action: z.enum(EXPERIMENT_ACTIONS) }),
    problem('environment_not_found', { environment_key: z.string() }),
    problem('experiment_not_found', { experiment_id: z.string() }),
    problem('metric_not_found', { metric_id: z.string() }),
    problem('not_found', {}),
    problem('method_not_allowed', {}),
    problem('active_experiment_exists', featureId),
    problem('invalid_transition', { from: Status, to: Status, allowed: z.array(Status) }),
    problem('experiment_running', {}),
    problem('metric_name_taken', { name: z.string() }),
    problem('metric_in_use', {
      metric_id: z.string(),
      experiment_ids: z.array(z.string()).describe('The experiments that hold the metric.'),
    }),
    problem('primary_metric_locked', {}),
    problem('allocation_locked', {}),
    problem('analysis_locked', {}),
    problem('experiment_completed', {}),
    problem('version_mismatch', { expected_version: z.int(), current_version: z.int() }),
    problem('payload_too_large', {}),
    problem('unsupported_media_type', {}),
    problem('internal_error', {}),
    problem('audit_feed_not_supported', {}),
    problem('ingestion_not_supported', {}),
    problem('unavailable', {}),
  ])
  .meta({ title: 'Problem' })
/** An RFC 9457 problem details body as the HTTP API returns it. */
export type ProblemJson = z.output<typeof ProblemJson>
