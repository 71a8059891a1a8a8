import type { ExperimentList, MetricList } from '../../core/service/experiment-service.js'
import type { DeletedExperimentView, ExperimentView, StatusChange } from '../../core/domain/experiment.js'
import type { AttachedMetric } from '../../core/domain/experiment-metrics.js'
import type { MetricSummary, MetricView } from '../../core/domain/metric.js'
import type { Rollout } from '../../core/domain/rollout.js'
import type { ExperimentResults } from '../../core/domain/results.js'
import type { DataQuality } from '../../core/domain/experiment-summary.js'
import type { IngestOutcome } from '../../ports/experiment-data.js'
import type {
  ExperimentJson,
  ExperimentListJson,
  ExperimentMetricJson,
  ExperimentResultsJson,
  HistoryJson,
  IngestOutcomeJson,
  MetricDetailJson,
  MetricJson,
  MetricListJson,
  RolloutJson,
} from './response-schemas.js'

const iso = (date: Date): string => date.toISOString()
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString())

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

/** Serializes a metric of the catalogue (never its environment or delete marker). */
export function toMetricJson(metric: MetricSummary): MetricJson {
  return {
    id: metric.id,
    name: metric.name,
    description: metric.description,
    event: metric.event,
    aggregation: metric.aggregation,
    direction: metric.direction,
    created_at: iso(metric.createdAt),
    updated_at: iso(metric.updatedAt),
    version: metric.version,
  }
}

/** Serializes a metric with the experiments that list it. */
export function toMetricDetailJson(metric: MetricView): MetricDetailJson {
  return {
    ...toMetricJson(metric),
    used_by: metric.usedBy.map(({ id, name, status }) => ({ id, name, status })),
  }
}

/** Serializes a page of metrics. */
export function toMetricListJson(list: MetricList): MetricListJson {
  return { results: list.results.map(toMetricJson), next_cursor: list.nextCursor }
}

/** Serializes a page of experiments. */
export function toListJson(list: ExperimentList<ExperimentView | DeletedExperimentView>): ExperimentListJson {
  return {
    results: list.results.map(toExperimentJson),
    next_cursor: list.nextCursor,
    status_counts: { ...list.statusCounts },
  }
}

/** Serializes a status history, keeping its order (oldest first). */
export function toHistoryJson(history: readonly StatusChange[]): HistoryJson {
  return {
    results: history.map((change) => ({
      from: change.from,
      to: change.to,
      at: iso(change.at),
      actor: { type: change.actor.type, id: change.actor.id },
    })),
  }
}

/** Serializes what an ingestion batch did. */
export function toIngestOutcomeJson(outcome: IngestOutcome): IngestOutcomeJson {
  return { accepted: outcome.accepted, duplicates: outcome.duplicates }
}

/** The data-quality counts in snake_case. */
function dataQualityJson(counts: DataQuality): NonNullable<ExperimentResultsJson['data_quality']> {
  return {
    exposures_before_window: counts.exposuresBeforeWindow,
    exposures_after_window: counts.exposuresAfterWindow,
    events_before_exposure: counts.eventsBeforeExposure,
  }
}

/** Serializes an experiment's results to their snake_case JSON form, keeping every list's order. */
export function toResultsJson(results: ExperimentResults): ExperimentResultsJson {
  return {
    as_of: iso(results.asOf),
    is_final: results.isFinal,
    window: results.window === null ? null : { from: iso(results.window.from), to: iso(results.window.to) },
    variants: results.variants.map(({ variant, weight, exposures }) => ({ variant, weight, exposures })),
    multiple_exposures: results.multipleExposures,
    srm: results.srm === null ? null : { p_value: results.srm.pValue, mismatch: results.srm.mismatch },
    data_quality: results.dataQuality === null ? null : dataQualityJson(results.dataQuality),
    metrics: results.metrics.map((metric) => ({
      metric: metric.metric,
      name: metric.name,
      role: metric.role,
      expected_direction: metric.expectedDirection,
      aggregation: metric.aggregation,
      control: { variant: metric.control.variant, n: metric.control.n, mean: metric.control.mean },
      variants: metric.variants.map((v) => ({
        variant: v.variant,
        n: v.n,
        mean: v.mean,
        absolute_lift: v.absoluteLift,
        relative_lift: v.relativeLift,
        ci_low: v.ciLow,
        ci_high: v.ciHigh,
        chance_to_win: v.chanceToWin,
        p_value: v.pValue,
        verdict: v.verdict,
      })),
    })),
  }
}

/** A JSON response with the given status and extra headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** The `ETag` of an experiment's version: a strong tag, `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`
}
