import { z } from 'zod'
import type { ExperimentStatus } from './experiment.js'
import { LIST_FILTER_MESSAGES, trimmedText } from './schemas.js'

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

/** A measure an environment's experiments can share, counted from one event name. */
export interface Metric {
  readonly id: string
  readonly environmentId: string
  /** Unique among the environment's metrics that are not deleted, ignoring case. */
  readonly name: string
  readonly description: string
  /** The event name it counts, matched case-sensitively. */
  readonly event: string
  readonly aggregation: MetricAggregation
  readonly direction: MetricDirection
  readonly createdAt: Date
  readonly updatedAt: Date
  /** Starts at 1 and grows by one on every persisted change (compare-and-set). */
  readonly version: number
  /** Set by a soft delete; a deleted metric is invisible to every read and cannot be attached. */
  readonly deletedAt: Date | null
}

/** An experiment that lists a metric, as a metric's `usedBy` shows it. */
export interface MetricUser {
  readonly id: string
  readonly name: string
  readonly status: ExperimentStatus
}

/** A metric as a repository reads one: with every experiment (not deleted) that lists it. */
export interface StoredMetric extends Metric {
  readonly usedBy: readonly MetricUser[]
}

const CONTROL_CHARACTER = /\p{Cc}/u

/** A trimmed event name of 1..255 characters without control characters. */
export const EventName = trimmedText(1, 255).refine(
  (value) => !CONTROL_CHARACTER.test(value),
  'Must not contain control characters.',
)

/** Every field a caller sets on a metric. */
const MetricFields = {
  name: trimmedText(1, 255),
  description: trimmedText(0, 2000),
  event: EventName,
  aggregation: z.enum(METRIC_AGGREGATIONS, `Must be one of ${METRIC_AGGREGATIONS.join(', ')}.`),
  direction: z.enum(METRIC_DIRECTIONS, `Must be one of ${METRIC_DIRECTIONS.join(', ')}.`),
}

/** What a caller sends to create a metric; `description` defaults to `''`. */
export const CreateMetricInput = z.strictObject({
  ...MetricFields,
  description: MetricFields.description.default(''),
})
/** What a caller sends to create a metric. */
export type CreateMetricInput = z.input<typeof CreateMetricInput>

/** What a caller sends to change a metric: any of its fields. */
export const UpdateMetricInput = z.strictObject({
  name: MetricFields.name.optional(),
  description: MetricFields.description.optional(),
  event: MetricFields.event.optional(),
  aggregation: MetricFields.aggregation.optional(),
  direction: MetricFields.direction.optional(),
})
/** What a caller sends to change a metric. */
export type UpdateMetricInput = z.input<typeof UpdateMetricInput>

/** Filters and paging for a list of metrics. */
export const ListMetricsInput = z.strictObject({
  /** Keep only metrics whose name contains this text, ignoring case. */
  q: z
    .string()
    .max(255)
    .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters.')
    .optional(),
  /** Page size, 1..200. */
  limit: z.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(512).optional(),
  /** `true`: the trash, deleted metrics only (the one read that shows them); default `false`. */
  deleted: z.boolean({ error: LIST_FILTER_MESSAGES.deleted }).optional(),
})
/** Filters and paging for a list of metrics. */
export type ListMetricsInput = z.input<typeof ListMetricsInput>

/** Whether a metric is used by an experiment that has started and is not completed. */
export function usedByStartedExperiment(metric: StoredMetric): boolean {
  return metric.usedBy.some((user) => user.status === 'running' || user.status === 'paused')
}

/** Whether a metric is listed by an experiment that is not completed (created included). */
export function usedByOpenExperiment(metric: StoredMetric): boolean {
  return metric.usedBy.some((user) => user.status !== 'completed')
}

/** A metric as the service returns it in a list: no soft-delete marker. */
export type MetricSummary = Omit<Metric, 'deletedAt'>

/** A metric of the trash (`listMetrics` with `deleted: true`): with when it was deleted. */
export interface DeletedMetricSummary extends MetricSummary {
  readonly deletedAt: Date
}

/** One metric as the service returns it: no soft-delete marker, with the experiments that list it. */
export type MetricView = Omit<StoredMetric, 'deletedAt'>

/** A metric without its soft-delete marker, as the service shows it. */
export function toMetricView<M extends Metric>(metric: M): Omit<M, 'deletedAt'> {
  const { deletedAt: _deletedAt, ...view } = metric
  return view
}
