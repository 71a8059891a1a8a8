import { z } from 'zod'
import { ACTOR_TYPES, EXPERIMENT_STATUSES } from '../../core/domain/experiment.js'
import { EXPECTED_DIRECTIONS, METRIC_ROLES } from '../../core/domain/experiment-metrics.js'
import { METRIC_AGGREGATIONS, METRIC_DIRECTIONS } from '../../core/domain/metric.js'

const Status = z.enum(EXPERIMENT_STATUSES)
const Timestamp = z.iso.datetime().describe('ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.')

const Percentage = z.number().min(0).max(100).describe('A percentage with at most two decimals.')

/** A metric an experiment lists, with what the catalogue says of it now. */
export const ExperimentMetricJson = z
  .strictObject({
    metric: z.guid().describe('The metric id.'),
    name: z.string().describe("The metric's current name."),
    event: z.string(),
    aggregation: z.enum(METRIC_AGGREGATIONS),
    role: z.enum(METRIC_ROLES),
    expected_direction: z.enum(EXPECTED_DIRECTIONS),
  })
  .meta({ title: 'ExperimentMetric' })
/** A metric an experiment lists, as the HTTP API returns it. */
export type ExperimentMetricJson = z.output<typeof ExperimentMetricJson>

/** Who enters an experiment and which variant they see. */
export const RolloutJson = z
  .strictObject({
    traffic_percentage: Percentage.describe('The share of identities that enter the experiment.'),
    allocations: z
      .array(z.strictObject({ variant: z.string(), weight: Percentage }))
      .describe('Every variant of the feature once, in order; the weights sum to 100.'),
  })
  .meta({ title: 'Rollout' })
/** A rollout as the HTTP API returns it. */
export type RolloutJson = z.output<typeof RolloutJson>

/** An experiment as the HTTP API returns it: snake_case, timestamps as ISO 8601 UTC strings. */
export const ExperimentJson = z
  .strictObject({
    id: z.guid(),
    feature: z.string().describe('The id of the host feature (flag) under test.'),
    name: z.string(),
    hypothesis: z.string(),
    status: Status,
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Timestamp.nullable().describe('Set on the first start; a resume keeps it.'),
    ended_at: Timestamp.nullable().describe('Set on completion.'),
    scheduled_start_at: Timestamp.nullable().describe(
      'When the scheduler starts it; cleared by the start, scheduled or not.',
    ),
    scheduled_end_at: Timestamp.nullable().describe(
      'When the scheduler completes it, once started; cleared by the completion.',
    ),
    running_seconds: z.int().nonnegative().describe('Whole seconds spent running, pauses excluded.'),
    version: z.int().min(1).describe('Grows by one on every change; also sent as the ETag.'),
    metrics: z
      .array(ExperimentMetricJson)
      .describe('What it measures, in the order given: at most ten, at most one primary.'),
    rollout: RolloutJson,
  })
  .meta({ title: 'Experiment' })
/** An experiment as the HTTP API returns it. */
export type ExperimentJson = z.output<typeof ExperimentJson>

/** A page of experiments with the environment's counts per status. */
export const ExperimentListJson = z
  .strictObject({
    results: z.array(ExperimentJson).describe('Newest first.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to read the next page; null on the last page.'),
    status_counts: z
      .strictObject(
        Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, z.int().nonnegative()])) as Record<
          (typeof EXPERIMENT_STATUSES)[number],
          z.ZodInt
        >,
      )
      .describe('Per status, narrowed by `feature` and `q` but not by `status`.'),
  })
  .meta({ title: 'ExperimentList' })
/** A page of experiments as the HTTP API returns it. */
export type ExperimentListJson = z.output<typeof ExperimentListJson>

/** One status transition of an experiment. */
export const StatusChangeJson = z
  .strictObject({
    from: Status,
    to: Status,
    at: Timestamp,
    actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }),
  })
  .meta({ title: 'StatusChange' })
/** One status transition as the HTTP API returns it. */
export type StatusChangeJson = z.output<typeof StatusChangeJson>

/** An experiment's status history, oldest first. */
export const HistoryJson = z
  .strictObject({ results: z.array(StatusChangeJson).describe('Oldest first.') })
  .meta({ title: 'History' })
/** An experiment's status history as the HTTP API returns it. */
export type HistoryJson = z.output<typeof HistoryJson>

/** A metric of an environment's catalogue as the HTTP API returns it. */
export const MetricJson = z
  .strictObject({
    id: z.guid(),
    name: z.string().describe("Unique among the environment's metrics, ignoring case."),
    description: z.string(),
    event: z.string().describe('The event name it counts, matched case-sensitively.'),
    aggregation: z.enum(METRIC_AGGREGATIONS),
    direction: z.enum(METRIC_DIRECTIONS),
    created_at: Timestamp,
    updated_at: Timestamp,
    version: z.int().min(1).describe('Grows by one on every change; also sent as the ETag.'),
  })
  .meta({ title: 'Metric' })
/** A metric as the HTTP API returns it. */
export type MetricJson = z.output<typeof MetricJson>

/** A metric with every experiment (not deleted) that lists it, whatever its status. */
export const MetricDetailJson = MetricJson.extend({
  used_by: z
    .array(z.strictObject({ id: z.guid(), name: z.string(), status: Status }))
    .describe('Every experiment that lists the metric and is not deleted.'),
}).meta({ title: 'MetricDetail' })
/** A metric with the experiments that list it, as the HTTP API returns it. */
export type MetricDetailJson = z.output<typeof MetricDetailJson>

/** A page of an environment's metrics. */
export const MetricListJson = z
  .strictObject({
    results: z.array(MetricJson).describe('Newest first.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to read the next page; null on the last page.'),
  })
  .meta({ title: 'MetricList' })
/** A page of metrics as the HTTP API returns it. */
export type MetricListJson = z.output<typeof MetricListJson>
