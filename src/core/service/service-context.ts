import { err, ResultAsync, type Result } from 'neverthrow'
import { errors, type ExperimentError } from '../domain/errors.js'
import type {
  Actor,
  Environment,
  ExperimentAction,
  ExperimentView,
  StoredExperiment,
} from '../domain/experiment.js'
import { runningSeconds } from '../domain/running-seconds.js'
import type { AuditFeed } from '../../ports/audit-feed.js'
import type { Clock } from '../../ports/clock.js'
import type { ExperimentData } from '../../ports/experiment-data.js'
import type { ExperimentRepository } from '../../ports/experiment-repository.js'
import type { FeatureLookup } from '../../ports/feature-lookup.js'
import type { MetricRepository } from '../../ports/metric-repository.js'
import type { PermissionPolicy } from '../../ports/permission-policy.js'

/** The ports every use case reaches the world through, defaults filled in. */
export interface ServiceContext {
  readonly repository: ExperimentRepository
  readonly metrics: MetricRepository
  readonly features: FeatureLookup
  readonly permissions: PermissionPolicy
  readonly experimentData: ExperimentData
  readonly clock: Clock
  readonly generateId: () => string
  /** The audit entries as a feed; `null` when the host's audit sink cannot be read back. */
  readonly auditFeed: AuditFeed | null
  /** Access checks passed ahead of an operation and not yet used (`ExperimentService.grant`). */
  readonly grants: Grants
}

/**
 * An access check passed ahead of an operation and handed out as a stand-in actor (a copy of the
 * caller's): it stands for the caller in the next operation of `action` on `environmentKey`,
 * which then does not ask the ports again.
 */
export interface IssuedGrant {
  readonly environmentKey: string
  readonly action: ExperimentAction
  readonly actor: Actor
  readonly environment: Environment
}

/**
 * The grants a service handed out that nobody has used yet, keyed by their stand-in actor
 * object: only the holder of that very object can use one, and only once.
 */
export type Grants = WeakMap<object, IssuedGrant>

/** Who calls a use case on which environment: the arguments every operation starts with. */
export interface Caller {
  readonly actor: unknown
  readonly environmentKey: string
}

/**
 * Runs a use case so that it never throws and its `ResultAsync` never rejects: anything thrown
 * (a failing port, a bug) becomes `unavailable`.
 */
export function guarded<T>(
  run: () => PromiseLike<Result<T, ExperimentError>>,
): ResultAsync<T, ExperimentError> {
  const settled = Promise.resolve()
    .then(run)
    .catch((cause: unknown) => err(errors.unavailable(cause)))
  return new ResultAsync(settled)
}

/** An experiment as the service returns it: no soft-delete marker or history, running time at `now`. */
export function toView(experiment: StoredExperiment, now: Date): ExperimentView {
  const { deletedAt: _deletedAt, environmentKey: _environmentKey, history, ...fields } = experiment
  return { ...fields, runningSeconds: runningSeconds(experiment, history, now) }
}
