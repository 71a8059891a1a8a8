import type { ResultAsync } from 'neverthrow'
import type { ExperimentError } from '../domain/errors.js'
import type {
  Actor,
  DeletedExperimentView,
  Environment,
  ExperimentView,
  StatusChange,
} from '../domain/experiment.js'
import type { ExperimentAnalysisInput } from '../domain/experiment-analysis.js'
import type { RecordEventsInput, RecordExposuresInput } from '../domain/ingest-input.js'
import type { ExperimentResults } from '../domain/results.js'
import type { Rollout } from '../domain/rollout.js'
import type {
  CreateExperimentInput,
  ListExperimentsInput,
  SetMetricsInput,
  UpdateExperimentInput,
  WriteOptions,
} from '../domain/schemas.js'
import { systemClock, type Clock } from '../../ports/clock.js'
import type { ExperimentData, IngestOutcome } from '../../ports/experiment-data.js'
import type { ExperimentRepository } from '../../ports/experiment-repository.js'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { MetricRepository } from '../../ports/metric-repository.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'
import type { AuditFeedInput } from '../domain/audit-feed-input.js'
import type { ListMetricsInput } from '../domain/metric.js'
import type { AuditFeedPage } from '../domain/feed-cursor.js'
import type { AuditFeed } from '../../ports/audit-feed.js'
import type { ResultsHistory } from '../../ports/results-history.js'
import { checkAccess, grantAccess } from './access-check.js'
import { readAuditFeed, readExperimentAudit } from './read-audit.js'
import { createExperiment } from './create-experiment.js'
import { setExperimentAnalysis, setExperimentMetrics, setExperimentRollout } from './design-experiment.js'
import { createMetric, deleteMetric, restoreMetric, updateMetric } from './edit-metric.js'
import {
  deleteExperiment,
  restoreExperiment,
  transitionExperiment,
  updateExperiment,
} from './edit-experiment.js'
import { recordEvents, recordExposures } from './ingest.js'
import type { MetricOperations } from './metric-operations.js'
import {
  getActiveExperiment,
  getExperiment,
  getExperimentHistory,
  listExperiments,
  type ExperimentList,
} from './read-experiments.js'
import { getMetric, listMetrics } from './read-metrics.js'
import { getResults } from './results.js'
import { getResultsHistory } from './results-history.js'
import { runScheduled, type ScheduledRun } from './run-scheduled.js'
import { guarded, type ServiceContext } from './service-context.js'

export type { ExperimentList } from './read-experiments.js'
export type { MetricList } from './read-metrics.js'
export type { MetricOperations } from './metric-operations.js'
export type { ScheduledChange, ScheduledFailure, ScheduledRun } from './run-scheduled.js'
import type { ExperimentAction } from '../domain/vocabulary.js'

/** An access check passed ahead of an operation ({@link ExperimentService.grant}). */
export interface Grant {
  /** Stands for the caller in the next operation of the granted action on the environment. */
  readonly actor: Actor
  readonly environment: Environment
}

/** The ports a service runs on; {@link createMemoryAdapters} returns all of them. */
export interface ExperimentServicePorts {
  readonly repository: ExperimentRepository
  /** The environment's metric catalogue, in the same store as the experiments. */
  readonly metrics: MetricRepository
  readonly features: FeatureLookup
  readonly permissions: PermissionPolicy
  /** Where exposures and events are stored and aggregated for results. */
  readonly experimentData: ExperimentData
  /** Defaults to the system clock. */
  readonly clock?: Clock
  /** Makes ids for experiments and audit entries; defaults to `crypto.randomUUID`. Must return UUIDs. */
  readonly generateId?: () => string
  /**
   * The audit entries as a feed, for {@link ExperimentService.auditFeed} and
   * {@link ExperimentService.experimentAudit}; the shipped adapters give it when their audit log
   * is the library's. Without it those reads answer `audit_feed_not_supported`.
   */
  readonly auditFeed?: AuditFeed
  /**
   * Where results snapshots are kept, for {@link ExperimentService.resultsHistory}: the daily
   * snapshot {@link ExperimentService.runScheduled} takes of each running experiment, and the
   * final results. The shipped adapters give it; without it no snapshot is taken and the history
   * holds only a completed experiment's final results.
   */
  readonly resultsHistory?: ResultsHistory
}

/**
 * Every experiment operation. Each checks the permission port first, then validates its input,
 * and resolves to a `Result`: it never throws and its `ResultAsync` never rejects.
 */
export interface ExperimentService extends MetricOperations {
  /**
   * The trash: deleted experiments only, newest first, each with its `deletedAt` (the one read
   * that shows deleted experiments), so a client can find what to restore.
   */
  list(
    actor: Actor,
    environmentKey: string,
    query: ListExperimentsInput & { readonly deleted: true },
  ): ResultAsync<ExperimentList<DeletedExperimentView>, ExperimentError>
  /** A page of the environment's experiments, newest first, filtered, with its status counts. */
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
   * The access check of an operation made ahead of it, for adapters that must refuse a caller
   * before reading the input (the HTTP handler never reads a forbidden caller's body): resolves
   * to a {@link Grant}. Passing its `actor` to the next call of an operation of that action on
   * that environment skips that operation's own check, so the permission is asked once; a grant
   * works once, and only for the object it handed out. Use it right away: it holds the decision
   * taken when it was made.
   *
   * @example
   * ```ts
   * const grant = await service.grant(actor, 'dev', 'create')
   * if (grant.isOk()) await service.create(grant.value.actor, 'dev', await readInput())
   * ```
   */
  grant(actor: Actor, environmentKey: string, action: ExperimentAction): ResultAsync<Grant, ExperimentError>
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
   * Replaces the analysis setting: method, sequential tuning and pre-exposure days, each left out
   * taking its default. Refused once completed (`experiment_completed`) and once started
   * (`analysis_locked`); an equal setting changes nothing.
   */
  setAnalysis(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    input: ExperimentAnalysisInput,
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
   * The environment's audit entries (experiments' and metrics'), oldest first, after `cursor`
   * (from the start without one), at most `limit` (1 to 1000, default 100); `nextCursor` is
   * where to resume, never null. Needs the `view` action; `audit_feed_not_supported` when the
   * service has no {@link AuditFeed}.
   *
   * @example
   * ```ts
   * const page = await service.auditFeed(actor, 'production', { cursor, limit: 100 })
   * if (page.isOk()) { await deliver(page.value.entries); cursor = page.value.nextCursor }
   * ```
   */
  auditFeed(
    actor: Actor,
    environmentKey: string,
    query?: AuditFeedInput,
  ): ResultAsync<AuditFeedPage, ExperimentError>
  /**
   * One experiment's audit entries, paged as {@link ExperimentService.auditFeed}; a deleted
   * experiment's stay readable.
   */
  experimentAudit(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    query?: AuditFeedInput,
  ): ResultAsync<AuditFeedPage, ExperimentError>
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
  /**
   * Stores a batch of 1..1000 exposures (action `ingest`). Each names a started, non-deleted
   * experiment of the environment and one of its rollout's variants; any other item is a
   * `validation_failed` issue at its index (`exposures.3.variant`) and nothing is stored. Resolves
   * to how many items were new and how many were duplicates.
   *
   * @example
   * ```ts
   * await service.recordExposures(sdkKey, 'production', {
   *   exposures: [{ experiment: experiment.id, identity: 'user-1', variant: 'blue', at: '2026-03-01T12:00:00Z' }],
   * })
   * ```
   */
  recordExposures(
    actor: Actor,
    environmentKey: string,
    input: RecordExposuresInput,
  ): ResultAsync<IngestOutcome, ExperimentError>
  /**
   * Stores a batch of 1..1000 events (action `ingest`), validated whole; an event whose id was
   * stored before is a duplicate, never stored twice.
   *
   * @example
   * ```ts
   * await service.recordEvents(sdkKey, 'production', {
   *   events: [{ id: crypto.randomUUID(), identity: 'user-1', event: 'checkout', value: 42, at: '2026-03-01T12:05:00Z' }],
   * })
   * ```
   */
  recordEvents(
    actor: Actor,
    environmentKey: string,
    input: RecordEventsInput,
  ): ResultAsync<IngestOutcome, ExperimentError>
  /**
   * The experiment's results (action `view`): empty before it starts, up to now while it runs, and
   * once it is completed computed one last time and frozen (`isFinal`, the same body on every read).
   *
   * @example
   * ```ts
   * const results = await service.results(admin, 'production', experiment.id)
   * ```
   */
  results(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
  ): ResultAsync<ExperimentResults, ExperimentError>
  /**
   * The lift over time (action `view`): the experiment's results snapshots, oldest day first, at
   * most one a day, each a results body as {@link ExperimentService.results} returns it; a
   * completed experiment's last is its final results.
   *
   * @example
   * ```ts
   * const days = await service.resultsHistory(admin, 'production', experiment.id)
   * ```
   */
  resultsHistory(
    actor: Actor,
    environmentKey: string,
    experimentId: string,
  ): ResultAsync<readonly ExperimentResults[], ExperimentError>
}

/** Creates the experiment service over the given ports. */
export function createExperimentService(ports: ExperimentServicePorts): ExperimentService {
  const context: ServiceContext = {
    repository: ports.repository,
    metrics: ports.metrics,
    features: ports.features,
    permissions: ports.permissions,
    experimentData: ports.experimentData,
    clock: ports.clock ?? systemClock,
    generateId: ports.generateId ?? (() => globalThis.crypto.randomUUID()),
    auditFeed: ports.auditFeed ?? null,
    resultsHistory: ports.resultsHistory ?? null,
    grants: new WeakMap(),
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
    grant: (actor, environmentKey, action) =>
      guarded(() => grantAccess(context, { actor, environmentKey }, action)),
    // One implementation for both overloads: the trash's items carry `deletedAt`, the others not.
    list: ((actor: Actor, environmentKey: string, query?: ListExperimentsInput) =>
      guarded(() => listExperiments(context, { actor, environmentKey }, query))) as ExperimentService['list'],
    get: (actor, environmentKey, id) => guarded(() => getExperiment(context, { actor, environmentKey }, id)),
    auditFeed: (actor, environmentKey, query) =>
      guarded(() => readAuditFeed(context, { actor, environmentKey }, query)),
    experimentAudit: (actor, environmentKey, id, query) =>
      guarded(() => readExperimentAudit(context, { actor, environmentKey }, id, query)),
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
    setAnalysis: (actor, environmentKey, id, input, options) =>
      guarded(() => setExperimentAnalysis(context, target(actor, environmentKey, id, options), input)),
    runScheduled: (now) => guarded(() => runScheduled(context, now ?? context.clock.now())),
    activeExperiment: (actor, environmentKey, featureId) =>
      guarded(() => getActiveExperiment(context, { actor, environmentKey }, featureId)),
    recordExposures: (actor, environmentKey, input) =>
      guarded(() => recordExposures(context, { actor, environmentKey }, input)),
    recordEvents: (actor, environmentKey, input) =>
      guarded(() => recordEvents(context, { actor, environmentKey }, input)),
    results: (actor, environmentKey, id) => guarded(() => getResults(context, { actor, environmentKey }, id)),
    resultsHistory: (actor, environmentKey, id) =>
      guarded(() => getResultsHistory(context, { actor, environmentKey }, id)),
    // One implementation for both overloads: the trash's items carry `deletedAt`, the others not.
    listMetrics: ((actor: Actor, environmentKey: string, query?: ListMetricsInput) =>
      guarded(() =>
        listMetrics(context, { actor, environmentKey }, query),
      )) as ExperimentService['listMetrics'],
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
