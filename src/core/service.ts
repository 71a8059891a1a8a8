import { err, ok, ResultAsync, type Result } from 'neverthrow'
import { z } from 'zod'
import { systemClock, type Clock } from '../ports/clock.js'
import type {
  ExperimentRepository,
  ExperimentWrite,
  LockedWriteOutcome,
} from '../ports/experiment-repository.js'
import type { FeatureLookup } from '../ports/feature-lookup.js'
import type { PermissionPolicy } from '../ports/permission-policy.js'
import { createAccessCheck } from './access-check.js'
import { buildAuditEntry } from './audit-entry.js'
import { decideDelete, decideRestore, decideTransition, decideUpdate, type Decision } from './changes.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { errors, type ExperimentError } from './errors.js'
import {
  EXPERIMENT_STATUSES,
  type Actor,
  type Environment,
  type ExperimentAction,
  type ExperimentStatus,
  type ExperimentView,
  type StatusChange,
  type StoredExperiment,
} from './experiment.js'
import { runningSeconds } from './running-seconds.js'
import {
  CreateExperimentInput,
  LIST_FILTER_MESSAGES,
  ListExperimentsInput,
  parseInput,
  UpdateExperimentInput,
  WriteOptions,
} from './schemas.js'

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

/** A page of experiments as {@link ExperimentService.list} returns it. */
export interface ExperimentList {
  readonly results: readonly ExperimentView[]
  /** Pass as `cursor` for the next page; `null` on the last page. */
  readonly nextCursor: string | null
  /** Per status, narrowed by `feature` and `q` but not by `status`. */
  readonly statusCounts: Readonly<Record<ExperimentStatus, number>>
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

const FeatureShape = z.object({
  id: z.string(),
  name: z.string(),
  projectId: z.string(),
  type: z.enum(['multivariate', 'standard']),
})
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A mutation's decision on one state: an answer without writing, or a write and its answer. */
type Plan =
  | { readonly answer: Result<ExperimentView, ExperimentError> }
  | { readonly write: ExperimentWrite; readonly after: ExperimentView; readonly featureId: string }

/** How often a write lost to a concurrent one is re-decided on fresh state before giving up. */
const MAX_ATTEMPTS = 10

/** Runs an operation, turning anything thrown (a failing port, a bug) into `unavailable`. */
function operation<T>(run: () => Promise<Result<T, ExperimentError>>): ResultAsync<T, ExperimentError> {
  return new ResultAsync(run().catch((cause: unknown) => err(errors.unavailable(cause))))
}

/** Creates the experiment service over the given ports. */
export function createExperimentService(ports: ExperimentServicePorts): ExperimentService {
  const { repository, features } = ports
  const authorize = createAccessCheck(features, ports.permissions)
  const clock = ports.clock ?? systemClock
  const generateId = ports.generateId ?? (() => globalThis.crypto.randomUUID())

  function view(experiment: StoredExperiment, now: Date): ExperimentView {
    const { deletedAt: _deletedAt, history, ...rest } = experiment
    return { ...rest, runningSeconds: runningSeconds(experiment, history, now) }
  }

  function visible(found: StoredExperiment | null, includeDeleted: boolean): StoredExperiment | null {
    return found !== null && (includeDeleted || found.deletedAt === null) ? found : null
  }

  async function findVisible(environment: Environment, experimentId: unknown, includeDeleted = false) {
    if (typeof experimentId !== 'string' || !UUID.test(experimentId)) return null
    return visible(
      await repository.find(environment.id, experimentId.toLowerCase(), { includeDeleted }),
      includeDeleted,
    )
  }

  /**
   * The shared path of every change to an existing experiment: read, decide on fresh state,
   * compare-and-set write with its audit entry. A lost race is re-decided on the new state —
   * under the repository's row lock when it offers one, so contended writers queue.
   */
  function mutate<I = undefined>(
    action: ExperimentAction,
    actor: Actor,
    environmentKey: string,
    experimentId: string,
    options: WriteOptions | undefined,
    decide: (current: StoredExperiment, input: I, actor: Actor, now: Date) => Decision,
    parse: () => Result<I, ExperimentError> = () => ok(undefined as I),
  ): ResultAsync<ExperimentView, ExperimentError> {
    return operation(async () => {
      const access = await authorize(actor, environmentKey, action)
      if (access.isErr()) return err(access.error)
      const { environment } = access.value
      const parsedOptions = parseInput(WriteOptions, options ?? {})
      if (parsedOptions.isErr()) return err(parsedOptions.error)
      const { expectedVersion } = parsedOptions.value
      const input = parse()
      if (input.isErr()) return err(input.error)
      const includeDeleted = action === 'restore'
      const who = access.value.actor
      const values = input.value

      /** What to do with the current state: answer now, or write and answer with `after`. */
      function plan(current: StoredExperiment | null): Plan {
        if (current === null) return { answer: err(errors.experimentNotFound(String(experimentId))) }
        if (expectedVersion !== undefined && expectedVersion !== current.version) {
          return { answer: err(errors.versionMismatch(expectedVersion, current.version)) }
        }
        const now = clock.now()
        const decision = decide(current, values, who, now)
        if (decision.isErr()) return { answer: err(decision.error) }
        if (decision.value === 'unchanged') return { answer: ok(view(current, now)) }
        const { next, statusChange } = decision.value
        const audit = buildAuditEntry({
          id: generateId(),
          action: decision.value.action,
          actor: who,
          environment,
          before: current,
          after: next,
        })
        const history = statusChange === null ? current.history : [...current.history, statusChange]
        return {
          write: { kind: 'update', experiment: next, expectedVersion: current.version, audit, statusChange },
          after: view({ ...next, history }, now),
          featureId: current.featureId,
        }
      }

      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        let planned: Plan
        let outcome: LockedWriteOutcome
        if (attempt > 0 && repository.lockAndWrite !== undefined) {
          planned = { answer: err(errors.unavailable(new Error('lockAndWrite did not call decide'))) }
          outcome = await repository.lockAndWrite(
            environment.id,
            experimentId.toLowerCase(),
            { includeDeleted },
            (found) => {
              planned = plan(visible(found, includeDeleted))
              return 'write' in planned ? planned.write : null
            },
          )
        } else {
          planned = plan(await findVisible(environment, experimentId, includeDeleted))
          outcome = 'write' in planned ? await repository.write(planned.write) : 'nothing_to_write'
        }
        if ('answer' in planned) return planned.answer
        if (outcome === 'written') return ok(planned.after)
        if (outcome === 'active_slot_taken') return err(errors.activeExperimentExists(planned.featureId))
      }
      return err(errors.unavailable(new Error(`gave up after ${MAX_ATTEMPTS} concurrent modifications`)))
    })
  }

  return {
    authorize: (actor, environmentKey, action) =>
      operation(async () =>
        (await authorize(actor, environmentKey, action)).map((access) => access.environment),
      ),

    list: (actor, environmentKey, query) =>
      operation(async () => {
        const access = await authorize(actor, environmentKey, 'view')
        if (access.isErr()) return err(access.error)
        const input = parseInput(ListExperimentsInput, query ?? {})
        if (input.isErr()) return err(input.error)
        const { status, feature, q, limit, cursor } = input.value
        const after = cursor === undefined ? ok(null) : decodeCursor(cursor)
        if (after.isErr()) {
          return err(errors.validationFailed([{ path: 'cursor', message: LIST_FILTER_MESSAGES.cursor }]))
        }
        const page = await repository.list({
          environmentId: access.value.environment.id,
          statuses: status === undefined || status.length === 0 ? null : [...new Set(status)],
          featureId: feature ?? null,
          nameContains: q === undefined || q === '' ? null : q,
          after: after.value,
          limit: limit + 1,
        })
        const now = clock.now()
        const results = page.items.slice(0, limit).map((item) => view(item, now))
        const last = results.at(-1)
        const statusCounts = Object.fromEntries(
          EXPERIMENT_STATUSES.map((s) => [s, page.statusCounts[s] ?? 0]),
        ) as Record<ExperimentStatus, number>
        return ok({
          results,
          nextCursor: page.items.length > limit && last ? encodeCursor(last) : null,
          statusCounts,
        })
      }),

    get: (actor, environmentKey, experimentId) =>
      operation(async () => {
        const access = await authorize(actor, environmentKey, 'view')
        if (access.isErr()) return err(access.error)
        const found = await findVisible(access.value.environment, experimentId)
        return found === null
          ? err(errors.experimentNotFound(String(experimentId)))
          : ok(view(found, clock.now()))
      }),

    history: (actor, environmentKey, experimentId) =>
      operation(async () => {
        const access = await authorize(actor, environmentKey, 'view')
        if (access.isErr()) return err(access.error)
        const found = await findVisible(access.value.environment, experimentId)
        return found === null ? err(errors.experimentNotFound(String(experimentId))) : ok(found.history)
      }),

    create: (actor, environmentKey, input) =>
      operation(async () => {
        const access = await authorize(actor, environmentKey, 'create')
        if (access.isErr()) return err(access.error)
        const { environment } = access.value
        const parsed = parseInput(CreateExperimentInput, input)
        if (parsed.isErr()) return err(parsed.error)
        const { feature: featureId, name, hypothesis } = parsed.value
        const found = await features.featureById(featureId)
        if (found === null || found === undefined) return err(errors.featureNotFound(featureId))
        const feature = FeatureShape.parse(found)
        if (feature.projectId !== environment.projectId) return err(errors.featureNotInProject(featureId))
        if (feature.type !== 'multivariate') return err(errors.featureNotMultivariate(featureId))
        const now = clock.now()
        const experiment = {
          id: generateId(),
          environmentId: environment.id,
          featureId: feature.id,
          name,
          hypothesis,
          status: 'created' as const,
          createdAt: now,
          updatedAt: now,
          startedAt: null,
          endedAt: null,
          version: 1,
          deletedAt: null,
        }
        const audit = buildAuditEntry({
          id: generateId(),
          action: 'created',
          actor: access.value.actor,
          environment,
          before: null,
          after: experiment,
        })
        const outcome = await repository.write({ kind: 'insert', experiment, audit })
        if (outcome === 'active_slot_taken') return err(errors.activeExperimentExists(feature.id))
        if (outcome !== 'written') return err(errors.unavailable(new Error(`insert ended with ${outcome}`)))
        return ok(view({ ...experiment, history: [] }, now))
      }),

    update: (actor, environmentKey, experimentId, input, options) =>
      mutate(
        'update',
        actor,
        environmentKey,
        experimentId,
        options,
        (current, values, _actor, now) => decideUpdate(current, values, now),
        () => parseInput(UpdateExperimentInput, input),
      ),
    delete: (actor, environmentKey, experimentId, options) =>
      mutate('delete', actor, environmentKey, experimentId, options, (current, _input, _actor, now) =>
        decideDelete(current, now),
      ),
    restore: (actor, environmentKey, experimentId, options) =>
      mutate('restore', actor, environmentKey, experimentId, options, (current, _input, _actor, now) =>
        decideRestore(current, now),
      ),
    start: (actor, environmentKey, experimentId, options) =>
      mutate('start', actor, environmentKey, experimentId, options, (current, _input, who, now) =>
        decideTransition(current, 'start', who, now),
      ),
    pause: (actor, environmentKey, experimentId, options) =>
      mutate('pause', actor, environmentKey, experimentId, options, (current, _input, who, now) =>
        decideTransition(current, 'pause', who, now),
      ),
    complete: (actor, environmentKey, experimentId, options) =>
      mutate('complete', actor, environmentKey, experimentId, options, (current, _input, who, now) =>
        decideTransition(current, 'complete', who, now),
      ),
  }
}
