import type { ResultAsync } from 'neverthrow'
import type { ExperimentError } from '../domain/errors.js'
import type { Actor } from '../domain/experiment.js'
import type {
  CreateMetricInput,
  DeletedMetricSummary,
  ListMetricsInput,
  MetricView,
  UpdateMetricInput,
} from '../domain/metric.js'
import type { WriteOptions } from '../domain/schemas.js'
import type { MetricList } from './read-metrics.js'

/**
 * The operations on an environment's metric catalogue, part of the {@link ExperimentService}:
 * reads need `view`, writes `manage_metrics`. An unknown, deleted or foreign id is
 * `metric_not_found`; a name another metric of the environment has (ignoring case) is
 * `metric_name_taken`.
 *
 * @example
 * ```ts
 * const metric = await service.createMetric(actor, 'dev', {
 *   name: 'Checkout rate', event: 'checkout', aggregation: 'occurrence', direction: 'up',
 * })
 * ```
 */
export interface MetricOperations {
  /**
   * The trash: deleted metrics only, newest first, each with its `deletedAt` (the one read that
   * shows deleted metrics), so a client can find what to restore.
   */
  listMetrics(
    actor: Actor,
    environmentKey: string,
    query: ListMetricsInput & { readonly deleted: true },
  ): ResultAsync<MetricList<DeletedMetricSummary>, ExperimentError>
  /** The environment's metrics that are not deleted, newest first, filtered by `q` (name contains). */
  listMetrics(
    actor: Actor,
    environmentKey: string,
    query?: ListMetricsInput,
  ): ResultAsync<MetricList, ExperimentError>
  /** One metric with `usedBy`: every experiment (not deleted) that lists it, whatever its status. */
  getMetric(actor: Actor, environmentKey: string, metricId: string): ResultAsync<MetricView, ExperimentError>
  createMetric(
    actor: Actor,
    environmentKey: string,
    input: CreateMetricInput,
  ): ResultAsync<MetricView, ExperimentError>
  /** Name, description and direction change any time; event and aggregation not while a started, not completed experiment uses it. */
  updateMetric(
    actor: Actor,
    environmentKey: string,
    metricId: string,
    input: UpdateMetricInput,
    options?: WriteOptions,
  ): ResultAsync<MetricView, ExperimentError>
  /** Soft delete; refused (`metric_in_use`) while an experiment that is not completed lists it. */
  deleteMetric(
    actor: Actor,
    environmentKey: string,
    metricId: string,
    options?: WriteOptions,
  ): ResultAsync<MetricView, ExperimentError>
  /** Undoes a delete, unless another metric took the name meanwhile. */
  restoreMetric(
    actor: Actor,
    environmentKey: string,
    metricId: string,
    options?: WriteOptions,
  ): ResultAsync<MetricView, ExperimentError>
}
