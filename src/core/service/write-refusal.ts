import { errors, type ExperimentError } from '../domain/errors.js'
import type { WriteOutcome, ExperimentWrite } from '../../ports/experiment-repository.js'
import type { MetricWrite, MetricWriteOutcome } from '../../ports/metric-repository.js'
import { missingMetric } from './metric-lookup.js'
import type { ServiceContext } from './service-context.js'

/** Every way a repository may end a write, experiment or metric. */
export type RepositoryOutcome = WriteOutcome | MetricWriteOutcome

/**
 * The one mapping from a write the repository refused to the caller's error. Refusals that name
 * what a concurrent writer changed read it again: the metric an attach or a restore found
 * missing, the experiments that now hold a metric. A lost race (`version_conflict`) is not
 * refused here — the engine decides again — so reaching this with one (an insert's id taken) is
 * `unavailable`.
 */
export async function refusalOf(
  context: ServiceContext,
  environmentId: string,
  write: ExperimentWrite | MetricWrite,
  outcome: Exclude<RepositoryOutcome, 'written'>,
): Promise<ExperimentError> {
  if ('experiment' in write) {
    const { experiment } = write
    if (outcome === 'active_slot_taken') return errors.activeExperimentExists(experiment.featureId)
    if (outcome === 'metric_unavailable') {
      return errors.metricNotFound(await missingMetric(context, environmentId, experiment.metrics))
    }
  } else {
    if (outcome === 'name_taken') return errors.metricNameTaken(write.metric.name)
    if (outcome === 'in_use') return await metricInUse(context, environmentId, write.metric)
  }
  return errors.unavailable(new Error(`${write.kind} ended with ${outcome}`))
}

/**
 * `metric_in_use` after the repository refused a change an experiment raced: the experiments
 * that hold the metric now, read again (those not completed for a delete, those started for a
 * change of what it measures).
 */
async function metricInUse(
  context: ServiceContext,
  environmentId: string,
  next: MetricWrite['metric'],
): Promise<ExperimentError> {
  const fresh = await context.metrics.find(environmentId, next.id, { includeDeleted: true })
  const holds =
    next.deletedAt !== null
      ? (status: string) => status !== 'completed'
      : (status: string) => status === 'running' || status === 'paused'
  const users = (fresh?.usedBy ?? []).filter((user) => holds(user.status)).map((user) => user.id)
  return errors.metricInUse(next.id, users)
}
