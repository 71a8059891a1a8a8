import { z } from 'zod'
import type { ExperimentList } from '../../../core/service/experiment-service.js'
import type { DeletedExperimentView, ExperimentView } from '../../../core/domain/experiment.js'
import type { AttachedMetric } from '../../../core/domain/experiment-metrics.js'
import {
  EXPECTED_DIRECTIONS,
  EXPERIMENT_STATUSES,
  METRIC_AGGREGATIONS,
  METRIC_ROLES,
} from '../../../core/domain/vocabulary.js'
import type { Rollout } from '../../../core/domain/rollout.js'
import type { ExperimentAnalysis } from '../../../core/domain/experiment-analysis.js'
import { ANALYSIS_METHODS } from '../../../core/domain/statistics/analysis-settings.js'
import { iso, isoOrNull, Percentage, Status, Timestamp } from './json-fields.js'
import type { Representation } from './representation.js'

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

/** How an experiment's results are analysed; fixed once it has started. */
export const ExperimentAnalysisJson = z
  .strictObject({
    method: z
      .enum(ANALYSIS_METHODS)
      .describe('sequential: intervals valid however often results are read; fixed: valid for one look.'),
    sequential_tuning: z
      .int()
      .positive()
      .describe('N*: the total sample at which a sequential interval is tightest.'),
    pre_exposure_days: z
      .int()
      .nonnegative()
      .describe("Days of each identity's events before its first exposure used for CUPED; 0: none."),
  })
  .meta({ title: 'ExperimentAnalysis' })
/** An analysis setting as the HTTP API returns it. */
export type ExperimentAnalysisJson = z.output<typeof ExperimentAnalysisJson>

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
    analysis: ExperimentAnalysisJson,
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

/** Serializes an experiment to its snake_case JSON form; a trash item carries `deleted_at`. */
export function toExperimentJson(experiment: ExperimentView | DeletedExperimentView): ExperimentJson {
  return {
    id: experiment.id,
    feature: experiment.featureId,
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    status: experiment.status,
    created_at: iso(experiment.createdAt),
    updated_at: iso(experiment.updatedAt),
    started_at: isoOrNull(experiment.startedAt),
    ended_at: isoOrNull(experiment.endedAt),
    scheduled_start_at: isoOrNull(experiment.scheduledStartAt),
    scheduled_end_at: isoOrNull(experiment.scheduledEndAt),
    running_seconds: experiment.runningSeconds,
    version: experiment.version,
    metrics: experiment.metrics.map(toExperimentMetricJson),
    rollout: toRolloutJson(experiment.rollout),
    analysis: toAnalysisJson(experiment.analysis),
    ...('deletedAt' in experiment && { deleted_at: iso(experiment.deletedAt) }),
  }
}

/** Serializes a metric as an experiment lists it. */
function toExperimentMetricJson(metric: AttachedMetric): ExperimentMetricJson {
  return {
    metric: metric.metricId,
    name: metric.name,
    event: metric.event,
    aggregation: metric.aggregation,
    role: metric.role,
    expected_direction: metric.expectedDirection,
  }
}

/** Serializes a rollout, keeping the allocations' order. */
function toRolloutJson(rollout: Rollout): RolloutJson {
  return {
    traffic_percentage: rollout.trafficPercentage,
    allocations: rollout.allocations.map(({ variant, weight }) => ({ variant, weight })),
  }
}

/** Serializes an analysis setting. */
function toAnalysisJson(analysis: ExperimentAnalysis): ExperimentAnalysisJson {
  return {
    method: analysis.method,
    sequential_tuning: analysis.sequentialTuning,
    pre_exposure_days: analysis.preExposureDays,
  }
}

/** Serializes a page of experiments. */
export function toListJson(list: ExperimentList<ExperimentView | DeletedExperimentView>): ExperimentListJson {
  return {
    results: list.results.map(toExperimentJson),
    next_cursor: list.nextCursor,
    status_counts: { ...list.statusCounts },
  }
}

/** An experiment on the wire, versioned (`ETag`). */
export const EXPERIMENT: Representation<ExperimentView> = {
  name: 'Experiment',
  schema: ExperimentJson,
  parts: {
    ExperimentMetric: ExperimentMetricJson,
    Rollout: RolloutJson,
    ExperimentAnalysis: ExperimentAnalysisJson,
  },
  toJson: toExperimentJson,
  resource: (experiment) => experiment,
}

/** A page of experiments on the wire. */
export const EXPERIMENT_LIST: Representation<ExperimentList<ExperimentView | DeletedExperimentView>> = {
  name: 'ExperimentList',
  schema: ExperimentListJson,
  toJson: toListJson,
}
