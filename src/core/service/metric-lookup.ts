import { err, ok, ResultAsync, type Result } from 'neverthrow'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { AttachedMetric, ExperimentMetric } from '../domain/experiment-metrics.js'
import type { Metric } from '../domain/metric.js'
import type { ServiceContext } from './service-context.js'

/**
 * The metrics an experiment is to list, joined with the catalogue: each must exist in the
 * environment and not be deleted, or the answer is `metric_not_found` naming the first that
 * does not. An empty list asks the catalogue nothing.
 */
export function resolveMetrics(
  context: ServiceContext,
  environmentId: string,
  metrics: readonly ExperimentMetric[],
): ResultAsync<readonly AttachedMetric[], ExperimentError> {
  if (metrics.length === 0) return new ResultAsync(Promise.resolve(ok([])))
  const found = context.metrics.findMany(
    environmentId,
    metrics.map((metric) => metric.metricId),
  )
  return new ResultAsync(found.then((catalogue) => joinCatalogue(metrics, catalogue, environmentId)))
}

function joinCatalogue(
  metrics: readonly ExperimentMetric[],
  catalogue: readonly Metric[],
  environmentId: string,
): Result<readonly AttachedMetric[], ExperimentError> {
  const byId = new Map(catalogue.map((metric) => [metric.id, metric]))
  const attached: AttachedMetric[] = []
  for (const { metricId, role, expectedDirection } of metrics) {
    const metric = byId.get(metricId)
    if (!isLive(metric, environmentId)) return err(errors.metricNotFound(metricId))
    attached.push({ metricId, role, expectedDirection, ...pick(metric) })
  }
  return ok(attached)
}

const pick = ({ name, event, aggregation }: Metric) => ({ name, event, aggregation })

/** Whether a metric the catalogue returned may be attached (whatever the catalogue did). */
function isLive(metric: Metric | undefined, environmentId: string): metric is Metric {
  return metric !== undefined && metric.deletedAt === null && metric.environmentId === environmentId
}

/**
 * Whether every metric an experiment lists is still in the catalogue (not deleted): a restore of
 * an experiment that is not completed must not bring a deleted metric back onto an open
 * experiment. Answers `metric_not_found` naming the first missing one; an empty list asks nothing.
 */
export function checkMetricsLive(
  context: ServiceContext,
  environmentId: string,
  metrics: readonly ExperimentMetric[],
): ResultAsync<void, ExperimentError> {
  if (metrics.length === 0) return new ResultAsync(Promise.resolve(ok(undefined)))
  const ids = metrics.map((metric) => metric.metricId)
  return new ResultAsync(
    context.metrics.findMany(environmentId, ids).then((catalogue) => {
      const live = new Set(catalogue.filter((metric) => isLive(metric, environmentId)).map((m) => m.id))
      const missing = ids.find((id) => !live.has(id))
      return missing === undefined ? ok(undefined) : err(errors.metricNotFound(missing))
    }),
  )
}

/**
 * The id of the first listed metric the catalogue no longer has (after a write refused because
 * one went missing); the first listed when the catalogue has them all again.
 */
export async function missingMetric(
  context: ServiceContext,
  environmentId: string,
  metrics: readonly ExperimentMetric[],
): Promise<string> {
  const ids = metrics.map((metric) => metric.metricId)
  const catalogue = await context.metrics.findMany(environmentId, ids)
  const live = new Set(catalogue.filter((metric) => isLive(metric, environmentId)).map((metric) => metric.id))
  return ids.find((id) => !live.has(id)) ?? ids[0] ?? ''
}
