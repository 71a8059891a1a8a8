/**
 * The library's vocabulary: every enumeration the domain, the ports and the adapters share, as
 * one `as const` array each with its type derived from it. A leaf: it imports nothing, so any
 * module may use it without an import cycle.
 */

/** The four statuses of an experiment's lifecycle, in lifecycle order. */
export const EXPERIMENT_STATUSES = ['created', 'running', 'paused', 'completed'] as const

/** Where an experiment stands in its lifecycle: `created → running ⇄ paused → completed`. */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number]

/** The actions a caller may be permitted to perform, as asked of the {@link PermissionPolicy}. */
export const EXPERIMENT_ACTIONS = [
  'view',
  'create',
  'update',
  'delete',
  'restore',
  'start',
  'pause',
  'complete',
  'manage_metrics',
  'ingest',
] as const

/** An action a caller may be permitted to perform on an environment's experiments. */
export type ExperimentAction = (typeof EXPERIMENT_ACTIONS)[number]

/** Who can perform an operation: a host user, a host API key, or the system itself. */
export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const

/**
 * How a metric turns one exposed identity's events into a number: `occurrence` is 1 when the
 * event happened at least once (a conversion rate), `count` the number of events, `sum` the sum
 * of their values.
 */
export const METRIC_AGGREGATIONS = ['occurrence', 'count', 'sum'] as const
/** How a metric turns one identity's events into a number. */
export type MetricAggregation = (typeof METRIC_AGGREGATIONS)[number]

/** Which way is good for a metric: `up` (higher is better), `down`, or neither. */
export const METRIC_DIRECTIONS = ['up', 'down', 'informational'] as const
/** Which way is good for a metric. */
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number]

/** What a metric is to an experiment: the one deciding metric, a supporting one, or a safety check. */
export const METRIC_ROLES = ['primary', 'secondary', 'guardrail'] as const
/** What a metric is to an experiment. */
export type MetricRole = (typeof METRIC_ROLES)[number]

/** Which way a metric should move: `increase`/`decrease` for goals, `not_*` for guardrails. */
export const EXPECTED_DIRECTIONS = ['increase', 'decrease', 'not_increase', 'not_decrease'] as const
/** Which way a metric should move. */
export type ExpectedDirection = (typeof EXPECTED_DIRECTIONS)[number]

/** Every kind of change an audit entry records. */
export const AUDIT_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'restored',
  'started',
  'resumed',
  'paused',
  'completed',
  'metrics_changed',
  'rollout_changed',
  'analysis_changed',
  'metric_created',
  'metric_updated',
  'metric_deleted',
  'metric_restored',
] as const

/** What an audit entry is about: an experiment or a metric of the catalogue. */
export const AUDIT_SUBJECT_TYPES = ['experiment', 'metric'] as const
/** What an audit entry is about. */
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number]

/** What an audit entry records: the kind of change. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
