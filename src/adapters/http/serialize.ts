import type { ExperimentList, MetricList } from '../../core/service/experiment-service.js'
import type { ExperimentView, StatusChange } from '../../core/domain/experiment.js'
import type { AttachedMetric } from '../../core/domain/experiment-metrics.js'
import type { MetricSummary, MetricView } from '../../core/domain/metric.js'
import type { Rollout } from '../../core/domain/rollout.js'
import type {
  ExperimentJson,
  ExperimentListJson,
  ExperimentMetricJson,
  HistoryJson,
  MetricDetailJson,
  MetricJson,
  MetricListJson,
  RolloutJson,
} from './response-schemas.js'

const iso = (date: Date): string => date.toISOString()
const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString())

/** Serializes an experiment to its snake_case JSON form. */
export function toExperimentJson(experiment: ExperimentView): ExperimentJson {
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
export function toListJson(list: ExperimentList): ExperimentListJson {
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
