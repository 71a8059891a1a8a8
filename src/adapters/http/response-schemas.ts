import { z } from 'zod'
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../core/domain/audit-entry.js'
import { ACTOR_TYPES, EXPERIMENT_STATUSES } from '../../core/domain/experiment.js'
import { EXPECTED_DIRECTIONS, METRIC_ROLES } from '../../core/domain/experiment-metrics.js'
import { METRIC_AGGREGATIONS, METRIC_DIRECTIONS } from '../../core/domain/metric.js'
import { VERDICTS } from '../../core/domain/statistics/metric-roles.js'

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
    deleted_at: Timestamp.optional().describe(
      'Only on the items of the trash (`?deleted=true`): when the experiment was deleted.',
    ),
  })
  .meta({ title: 'Experiment' })
/** An experiment as the HTTP API returns it. */
export type ExperimentJson = z.output<typeof ExperimentJson>

/** A page of experiments with the environment's counts per status. */
export const ExperimentListJson = z
  .strictObject({
    results: z
      .array(ExperimentJson)
      .describe('Newest first; in the trash (`?deleted=true`) deleted ones only, each with `deleted_at`.'),
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
      .describe(
        'Per status, narrowed by `feature` and `q` but not by `status`; in the trash, of deleted experiments.',
      ),
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

/** What an ingestion batch did: `accepted + duplicates` is the batch's size. */
export const IngestOutcomeJson = z
  .strictObject({
    accepted: z.int().nonnegative().describe('Items stored by this request.'),
    duplicates: z
      .int()
      .nonnegative()
      .describe('Items stored before (a retried batch), or repeated earlier in the same batch.'),
  })
  .meta({ title: 'IngestOutcome' })
/** What an ingestion batch did, as the HTTP API returns it. */
export type IngestOutcomeJson = z.output<typeof IngestOutcomeJson>

/** A statistic that is `null` when an arm has fewer than two identities or the control's mean is not positive. */
const Inferential = z.number().nullable()

/** One non-control variant of a metric, compared against the control. */
export const VariantComparisonJson = z
  .strictObject({
    variant: z.string(),
    n: z.int().nonnegative().describe('Identities counted in the variant.'),
    mean: z.number().nullable().describe('The per-identity mean; null with no identities.'),
    absolute_lift: Inferential.describe('mean − control mean.'),
    relative_lift: Inferential.describe('(mean − control mean) / control mean.'),
    ci_low: Inferential.describe('Lower end of the 95% interval of the relative lift.'),
    ci_high: Inferential.describe('Upper end of the 95% interval of the relative lift.'),
    chance_to_win: Inferential.describe('P(variant > control), whatever the expected direction.'),
    p_value: Inferential.describe('Two-sided p-value of the relative lift.'),
    verdict: z.enum(VERDICTS),
  })
  .meta({ title: 'VariantComparison' })
/** One variant compared against the control, as the HTTP API returns it. */
export type VariantComparisonJson = z.output<typeof VariantComparisonJson>

/** One metric of the results: the control arm and every other variant against it. */
export const MetricResultJson = z
  .strictObject({
    metric: z.guid().describe('The metric id.'),
    name: z.string(),
    role: z.enum(METRIC_ROLES),
    expected_direction: z.enum(EXPECTED_DIRECTIONS),
    aggregation: z.enum(METRIC_AGGREGATIONS),
    control: z.strictObject({
      variant: z.string().describe("The rollout's first variant."),
      n: z.int().nonnegative(),
      mean: z.number().nullable(),
    }),
    variants: z.array(VariantComparisonJson).describe("Every other variant, in the rollout's order."),
  })
  .meta({ title: 'MetricResult' })
/** One metric of the results, as the HTTP API returns it. */
export type MetricResultJson = z.output<typeof MetricResultJson>

/** An experiment's results: exposures per variant, the SRM check and every metric's comparison. */
export const ExperimentResultsJson = z
  .strictObject({
    as_of: Timestamp.describe('When the figures were computed.'),
    is_final: z
      .boolean()
      .describe('True once the experiment is completed: the figures are frozen, every read is the same.'),
    window: z
      .strictObject({ from: Timestamp, to: Timestamp })
      .nullable()
      .describe('The data counted, both ends inclusive; null before the experiment starts.'),
    variants: z
      .array(
        z.strictObject({
          variant: z.string(),
          weight: Percentage,
          exposures: z.int().nonnegative().describe('Identities exposed, multiple exposures excluded.'),
        }),
      )
      .describe("The rollout's variants in its order, weight-0 ones included; empty before the start."),
    multiple_exposures: z
      .int()
      .nonnegative()
      .describe('Identities seen in two or more variants: left out of every figure.'),
    srm: z
      .strictObject({
        p_value: z.number().describe('Chi-squared test of the exposures against the weights.'),
        mismatch: z.boolean().describe('p_value < 0.001: the split is suspect.'),
      })
      .nullable()
      .describe('Sample ratio mismatch; null with no exposures or fewer than two weighted variants.'),
    data_quality: z
      .strictObject({
        exposures_before_window: z
          .int()
          .nonnegative()
          .describe("Stored exposures of the experiment stamped before the window's start."),
        exposures_after_window: z
          .int()
          .nonnegative()
          .describe("Stored exposures stamped after the window's end (for example after completion)."),
        events_before_exposure: z
          .int()
          .nonnegative()
          .describe(
            "Events of the metrics' event names, by identities counted, stamped in the window before the identity's first exposure.",
          ),
      })
      .nullable()
      .describe(
        'Data stored but never counted, so a broken SDK shows; null before the start and in final results frozen before these counts existed.',
      ),
    metrics: z.array(MetricResultJson).describe("The experiment's metrics in their order."),
  })
  .meta({ title: 'ExperimentResults' })
/** An experiment's results, as the HTTP API returns them. */
export type ExperimentResultsJson = z.output<typeof ExperimentResultsJson>
/** One audit entry: a persisted change of an experiment or a metric. */
export const AuditEntryJson = z
  .strictObject({
    id: z.guid().describe('Stable: the same entry has the same id on every read (use it to spot a repeat).'),
    subject: z
      .strictObject({ type: z.enum(AUDIT_SUBJECT_TYPES), id: z.guid() })
      .describe('The experiment or metric changed.'),
    action: z.enum(AUDIT_ACTIONS),
    actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }).describe('Who made the change.'),
    message: z.string().describe('Human-readable; do not parse it.'),
    changes: z
      .record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() }))
      .describe('Each changed field (snake_case) with its value before and after; dates as ISO 8601.'),
    created_at: Timestamp.describe('When the change was made.'),
  })
  .meta({ title: 'AuditEntry' })
/** An audit entry as the HTTP API returns it. */
export type AuditEntryJson = z.output<typeof AuditEntryJson>

/** A page of an audit feed. */
export const AuditFeedJson = z
  .strictObject({
    results: z.array(AuditEntryJson).describe('Oldest first (newest last), after the cursor.'),
    next_cursor: z
      .string()
      .describe(
        'Where to resume, never null: pass it as `cursor` to read what comes next; on an empty page, the cursor that was sent (or the start of the feed).',
      ),
  })
  .meta({ title: 'AuditFeed' })
/** A page of an audit feed as the HTTP API returns it. */
export type AuditFeedJson = z.output<typeof AuditFeedJson>
