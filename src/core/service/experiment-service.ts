import type { ResultAsync } from 'neverthrow'
import type { ExperimentError } from '../domain/errors.js'
import type {
  Actor,
  Environment,
  ExperimentAction,
  ExperimentView,
  StatusChange,
} from '../domain/experiment.js'
import type { Rollout } from '../domain/rollout.js'
import type {
  CreateExperimentInput,
  ListExperimentsInput,
  SetMetricsInput,
  UpdateExperimentInput,
  WriteOptions,
} from '../domain/schemas.js'
import { systemClock, type Clock } from '../../ports/clock.js'
import type { ExperimentRepository } from '../../ports/experiment-repository.js'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { MetricRepository } from '../../ports/metric-repository.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'
import { checkAccess } from './access-check.js'
import { createExperiment } from './create-experiment.js'
import { setExperimentMetrics, setExperimentRollout } from './design-experiment.js'
import { createMetric, deleteMetric, restoreMetric, updateMetric } from './edit-metric.js'
import {
  deleteExperiment,
  restoreExperiment,
  transitionExperiment,
  updateExperiment,
} from './edit-experiment.js'
import type { MetricOperations } from './metric-operations.js'
import {
  getActiveExperiment,
  getExperiment,
  getExperimentHistory,
  listExperiments,
  type ExperimentList,
} from './read-experiments.js'
import { getMetric, listMetrics } from './read-metrics.js'
import { runScheduled, type ScheduledRun } from './run-scheduled.js'
import { guarded, type ServiceContext } from './service-context.js'

export type { ExperimentList } from './read-experiments.js'
export type { MetricList } from './read-metrics.js'
export type { MetricOperations } from './metric-operations.js'
export type { ScheduledChange, ScheduledFailure, ScheduledRun } from './run-scheduled.js'

/** The ports a service runs on; {@link createMemoryAdapters} returns all of them. */
export interface ExperimentServicePorts {
  readonly repository: ExperimentRepository
  /** The environment's metric catalogue, in the same store as the experiments. */
  readonly metrics: MetricRepository
  readonly features: FeatureLookup
  readonly permissions: PermissionPolicy
  /** Defaults to the system clock. */
  readonly clock?: Clock
  /** Makes ids for experiments and audit entries; defaults to `crypto.randomUUID`. Must return UUIDs. */
  readonly generateId?: () => string
}

/**
 * Every experiment operation. Each checks the permission port first, then validates its input,
 * and resolves to a `Result`: it never throws and its `ResultAsync` never rejects.
 */
export interface ExperimentService extends MetricOperations {
  list(
    actor: Actor,
    environmentKey: string,
    query?: ListExperimentsInput,
  ): ResultAsync<ExperimentList, ExperimentError>
  get(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
  ): ResultAsync<ExperimentView, ExperimentError>
  create(
    actor: Actor,
    environmentKey: string,
    input: CreateExperimentInput,
  ): ResultAsync<ExperimentView, ExperimentError>
  update(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    input: UpdateExperimentInput,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  /** Soft delete; refused while running. Resolves to the deleted experiment's last state. */
  delete(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  restore(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  start(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  pause(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  complete(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  /**
   * Only the access check every operation starts with (environment, feature gate, actor), for
   * adapters that must refuse a request before looking at it: resolves to the environment.
   */
  authorize(
    actor: Actor,
    environmentKey: string,
    action: ExperimentAction,
  ): ResultAsync<Environment, ExperimentError>
  /**
   * Replaces the metrics the experiment lists (in order, each from the environment's catalogue).
   * Refused once completed (`experiment_completed`), and for the primary metric once started
   * (`primary_metric_locked`). An equal list changes nothing.
   */
  setMetrics(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    input: SetMetricsInput,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  /**
   * Changes the rollout: traffic and the split over every variant of the feature. Refused once
   * completed (`experiment_completed`), and for the split once started (`allocation_locked`);
   * the traffic may ramp until completion. An equal rollout changes nothing.
   */
  setRollout(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    /** Checked as a {@link RolloutInput}; an experiment's own rollout may be passed back changed. */
    rollout: Rollout,
    options?: WriteOptions,
  ): ResultAsync<ExperimentView, ExperimentError>
  /**
   * The feature's active experiment (not completed, not deleted) or `null`, for hosts that lock
   * a flag while its experiment runs.
   */
  activeExperiment(
    actor: Actor,
    environmentKey: string,
    featureId: string | number,
  ): ResultAsync<ExperimentView | null, ExperimentError>
  /**
   * Performs every scheduled start and completion due at `now` (default: the clock's reading),
   * in every environment, as the `system` actor `scheduler`, through the same rules, audit
   * entries and history as a caller's start or complete, without asking the permission policy
   * (the host's own process calls it, from a cron job or a job queue). Safe to call from
   * several instances at once: each transition is performed once, by one of them. A due
   * transition that is refused (its environment gone, say) is reported in `failed` and tried
   * again by the next run.
   *
   * @example
   * ```ts
   * const timer = setInterval(() => {
   *   void service.runScheduled().map((run) => {
   *     for (const failure of run.failed) console.warn('scheduled transition failed', failure)
   *   })
   * }, 60_000)
   * ```
   */
  runScheduled(now?: Date): ResultAsync<ScheduledRun, ExperimentError>
  /** Status history, oldest first. */
  history(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
  ): ResultAsync<readonly StatusChange[], ExperimentError>
}

/** Creates the experiment service over the given ports. */
export function createExperimentService(ports: ExperimentServicePorts): ExperimentService {
  const context: ServiceContext = {
    repository: ports.repository,
    metrics: ports.metrics,
    features: ports.features,
    permissions: ports.permissions,
    clock: ports.clock ?? systemClock,
    generateId: ports.generateId ?? (() => globalThis.crypto.randomUUID()),
  }
  const target = (actor: Actor, environmentKey: string, experimentId: string, options?: WriteOptions) => ({
    caller: { actor, environmentKey },
    experimentId,
    options,
  })
  const metric = (actor: Actor, environmentKey: string, metricId: string, options?: WriteOptions) => ({
    caller: { actor, environmentKey },
    metricId,
    options,
  })
  return {
    authorize: (actor, environmentKey, action) =>
      guarded(() =>
        checkAccess(context, { actor, environmentKey }, action).map((access) => access.environment),
      ),
    list: (actor, environmentKey, query) =>
      guarded(() => listExperiments(context, { actor, environmentKey }, query)),
    get: (actor, environmentKey, id) => guarded(() => getExperiment(context, { actor, environmentKey }, id)),
    history: (actor, environmentKey, id) =>
      guarded(() => getExperimentHistory(context, { actor, environmentKey }, id)),
    create: (actor, environmentKey, input) =>
      guarded(() => createExperiment(context, { actor, environmentKey }, input)),
    update: (actor, environmentKey, id, input, options) =>
      guarded(() => updateExperiment(context, target(actor, environmentKey, id, options), input)),
    delete: (actor, environmentKey, id, options) =>
      guarded(() => deleteExperiment(context, target(actor, environmentKey, id, options))),
    restore: (actor, environmentKey, id, options) =>
      guarded(() => restoreExperiment(context, target(actor, environmentKey, id, options))),
    start: (actor, environmentKey, id, options) =>
      guarded(() => transitionExperiment(context, target(actor, environmentKey, id, options), 'start')),
    pause: (actor, environmentKey, id, options) =>
      guarded(() => transitionExperiment(context, target(actor, environmentKey, id, options), 'pause')),
    complete: (actor, environmentKey, id, options) =>
      guarded(() => transitionExperiment(context, target(actor, environmentKey, id, options), 'complete')),
    setMetrics: (actor, environmentKey, id, input, options) =>
      guarded(() => setExperimentMetrics(context, target(actor, environmentKey, id, options), input)),
    setRollout: (actor, environmentKey, id, rollout, options) =>
      guarded(() => setExperimentRollout(context, target(actor, environmentKey, id, options), rollout)),
    runScheduled: (now) => guarded(() => runScheduled(context, now ?? context.clock.now())),
    activeExperiment: (actor, environmentKey, featureId) =>
      guarded(() => getActiveExperiment(context, { actor, environmentKey }, featureId)),
    listMetrics: (actor, environmentKey, query) =>
      guarded(() => listMetrics(context, { actor, environmentKey }, query)),
    getMetric: (actor, environmentKey, id) =>
      guarded(() => getMetric(context, { actor, environmentKey }, id)),
    createMetric: (actor, environmentKey, input) =>
      guarded(() => createMetric(context, { actor, environmentKey }, input)),
    updateMetric: (actor, environmentKey, id, input, options) =>
      guarded(() => updateMetric(context, metric(actor, environmentKey, id, options), input)),
    deleteMetric: (actor, environmentKey, id, options) =>
      guarded(() => deleteMetric(context, metric(actor, environmentKey, id, options))),
    restoreMetric: (actor, environmentKey, id, options) =>
      guarded(() => restoreMetric(context, metric(actor, environmentKey, id, options))),
  }
}
