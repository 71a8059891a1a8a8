import type { ResultAsync } from 'neverthrow'
import type { ExperimentError } from '../domain/errors.js'
import type {
  Actor,
  Environment,
  ExperimentAction,
  ExperimentView,
  StatusChange,
} from '../domain/experiment.js'
import type {
  CreateExperimentInput,
  ListExperimentsInput,
  UpdateExperimentInput,
  WriteOptions,
} from '../domain/schemas.js'
import { systemClock, type Clock } from '../../ports/clock.js'
import type { ExperimentRepository } from '../../ports/experiment-repository.js'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'
import { checkAccess } from './access-check.js'
import { createExperiment } from './create-experiment.js'
import {
  deleteExperiment,
  restoreExperiment,
  transitionExperiment,
  updateExperiment,
} from './edit-experiment.js'
import {
  getExperiment,
  getExperimentHistory,
  listExperiments,
  type ExperimentList,
} from './read-experiments.js'
import { guarded, type ServiceContext } from './service-context.js'

export type { ExperimentList } from './read-experiments.js'

/** The ports a service runs on; {@link createMemoryAdapters} returns all of them. */
export interface ExperimentServicePorts {
  readonly repository: ExperimentRepository
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
export interface ExperimentService {
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
  }
}
