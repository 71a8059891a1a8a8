import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import type { Decision, Verdict } from '../domain/decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import type { Actor, ExperimentView, StoredExperiment } from '../domain/experiment.js'
import { parseInput, WriteOptions } from '../domain/schemas.js'
import type { ExperimentWrite, LockedWriteOutcome } from '../../ports/experiment-repository.js'
import { checkAccess, type Access } from './access-check.js'
import { missingMetric } from './metric-lookup.js'
import { findVisibleExperiment, keepVisible } from './read-experiments.js'
import { toView, type Caller, type ServiceContext } from './service-context.js'
import type { ExperimentAction } from '../domain/vocabulary.js'

/** How often a write lost to a concurrent one is re-decided on fresh state before giving up. */
const MAX_ATTEMPTS = 10

/** What a rule is given to decide on: the current state, the parsed input, who acts, and when. */
export interface DecisionInput<I> {
  readonly current: StoredExperiment
  readonly input: I
  readonly actor: Actor
  readonly now: Date
}

/** One write use case on an existing experiment: who asks, what for, and the rule that decides. */
export interface WriteRequest<I> {
  readonly caller: Caller
  readonly action: ExperimentAction
  readonly experimentId: string
  readonly options: WriteOptions | undefined
  /** Parses the caller's input (resolving what it names), after the access check and the options. */
  readonly parse: (access: Access) => Result<I, ExperimentError> | ResultAsync<I, ExperimentError>
  /**
   * Optional checks of the input against other ports, made once after the first read from fields
   * of the experiment that never change (its feature): a refusal answers before any write.
   */
  readonly check?: (current: StoredExperiment, input: I) => ResultAsync<void, ExperimentError>
  readonly decide: (on: DecisionInput<I>) => Decision
}

/** A write request whose caller already passed the access check (or needs none: the scheduler). */
export type AuthorizedWriteRequest<I> = Omit<WriteRequest<I>, 'caller'>

/** How a write ended: the experiment as it now is, and whether this write changed it. */
export interface WriteSettled {
  readonly view: ExperimentView
  readonly written: boolean
}

/** A write request once access, options and input are checked: everything a single attempt needs. */
interface WriteTarget {
  readonly context: ServiceContext
  readonly access: Access
  /** As the caller sent it, for the not-found error. */
  readonly requestedId: string
  /** Canonical, or `null` when it cannot name an experiment. */
  readonly experimentId: string | null
  readonly expectedVersion: number | undefined
  readonly includeDeleted: boolean
  /** The read started before the input was parsed, for the first attempt. */
  readonly firstRead: () => Promise<StoredExperiment | null>
  readonly check: ((current: StoredExperiment) => ResultAsync<void, ExperimentError>) | undefined
  readonly decide: (current: StoredExperiment, now: Date) => Decision
}

/** A write's decision on one state: an answer without writing, or a write and its answer. */
type Plan =
  | { readonly kind: 'answer'; readonly answer: Result<WriteSettled, ExperimentError> }
  | {
      readonly kind: 'write'
      readonly write: ExperimentWrite
      readonly after: ExperimentView
      readonly featureId: string
    }

/** One attempt: what was planned, and how the repository ended it. */
interface Attempt {
  readonly plan: Plan
  readonly outcome: LockedWriteOutcome
}

/** How an attempt ends the use case: with its result, or by asking for another attempt. */
type Settlement =
  | { readonly kind: 'settled'; readonly result: Result<WriteSettled, ExperimentError> }
  | { readonly kind: 'retry' }

/**
 * The shared path of every change to an existing experiment: check access, options and input,
 * then read, decide on fresh state and write compare-and-set with its audit entry. A lost race
 * is re-decided on the new state — under the repository's row lock when it offers one, so
 * contended writers queue.
 */
export function writeExperiment<I>(
  context: ServiceContext,
  request: WriteRequest<I>,
): ResultAsync<ExperimentView, ExperimentError> {
  return checkAccess(context, request.caller, request.action)
    .andThen((access) => writeAuthorized(context, access, request))
    .map((settled) => settled.view)
}

/**
 * The write engine after the access check: options and input checked, then read, decide on
 * fresh state and write compare-and-set with its audit entry (see {@link writeExperiment}).
 * Says whether it wrote, for callers that report what they did.
 */
export function writeAuthorized<I>(
  context: ServiceContext,
  access: Access,
  request: AuthorizedWriteRequest<I>,
): ResultAsync<WriteSettled, ExperimentError> {
  return safeTry(async function* () {
    const { expectedVersion } = yield* parseInput(WriteOptions, request.options ?? {})
    const experimentId = normalizeExperimentId(request.experimentId)
    const includeDeleted = request.action === 'restore'
    // The first read goes out while the input is parsed and resolved (a metrics PUT asks the
    // catalogue), so a design write waits on two round trips, not three.
    const firstRead = readFirst(context, {
      environmentId: access.environment.id,
      experimentId,
      includeDeleted,
    })
    const input = yield* await request.parse(access)
    const { check } = request
    const target: WriteTarget = {
      context,
      access,
      requestedId: String(request.experimentId),
      experimentId,
      expectedVersion,
      includeDeleted,
      firstRead: () => firstRead.then(unwrapRead),
      check: check && ((current) => check(current, input)),
      decide: (current, now) => request.decide({ current, input, actor: access.actor, now }),
    }
    return await settleWrite(target)
  })
}

/** A read that never rejects: its failure is kept and thrown when the read is used. */
function readFirst(
  context: ServiceContext,
  lookup: Parameters<typeof findVisibleExperiment>[1],
): Promise<{ found: StoredExperiment | null } | { failure: unknown }> {
  return findVisibleExperiment(context, lookup).then(
    (found) => ({ found }),
    (failure: unknown) => ({ failure }),
  )
}

function unwrapRead(
  read: { found: StoredExperiment | null } | { failure: unknown },
): StoredExperiment | null {
  if ('failure' in read) throw read.failure
  return read.found
}

/** Attempts the write until one attempt settles it, or gives up as `unavailable`. */
async function settleWrite(target: WriteTarget): Promise<Result<WriteSettled, ExperimentError>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const settlement = await settle(
      target,
      await (attempt > 0 ? attemptLocked(target) : attemptOptimistic(target, target.firstRead())),
    )
    if (settlement.kind === 'settled') return settlement.result
  }
  return err(errors.unavailable(new Error(`gave up after ${MAX_ATTEMPTS} concurrent modifications`)))
}

/** Reads, decides, and writes compare-and-set: a concurrent write in between makes it a conflict. */
async function attemptOptimistic(
  target: WriteTarget,
  read?: Promise<StoredExperiment | null>,
): Promise<Attempt> {
  const { context, access, experimentId, includeDeleted } = target
  const lookup = { environmentId: access.environment.id, experimentId, includeDeleted }
  const current = await (read ?? findVisibleExperiment(context, lookup))
  const checked = current !== null && target.check !== undefined ? await target.check(current) : ok(undefined)
  if (checked.isErr()) return { plan: answer(err(checked.error)), outcome: 'nothing_to_write' }
  const plan = planWrite(target, current)
  const outcome = plan.kind === 'write' ? await context.repository.write(plan.write) : 'nothing_to_write'
  return { plan, outcome }
}

/**
 * Reads, decides and writes under the repository's row lock, so contended writers queue; an
 * optimistic attempt again when the repository has no lock.
 */
async function attemptLocked(target: WriteTarget): Promise<Attempt> {
  const { context, access, experimentId, includeDeleted } = target
  const { repository } = context
  if (repository.lockAndWrite === undefined) return attemptOptimistic(target)
  const decided: { plan?: Plan } = {}
  const outcome = await repository.lockAndWrite(
    access.environment.id,
    experimentId ?? '',
    { includeDeleted },
    (found) => {
      const plan = planWrite(target, keepVisible(found, includeDeleted))
      decided.plan = plan
      return plan.kind === 'write' ? plan.write : null
    },
  )
  const missing = errors.unavailable(new Error('lockAndWrite did not call decide'))
  return { plan: decided.plan ?? { kind: 'answer', answer: err(missing) }, outcome }
}

async function settle(target: WriteTarget, { plan, outcome }: Attempt): Promise<Settlement> {
  if (plan.kind === 'answer') return { kind: 'settled', result: plan.answer }
  if (outcome === 'written') return { kind: 'settled', result: ok({ view: plan.after, written: true }) }
  if (outcome === 'active_slot_taken') {
    return { kind: 'settled', result: err(errors.activeExperimentExists(plan.featureId)) }
  }
  if (outcome === 'metric_unavailable') {
    const { context, access } = target
    const missing = await missingMetric(context, access.environment.id, plan.write.experiment.metrics)
    return { kind: 'settled', result: err(errors.metricNotFound(missing)) }
  }
  return { kind: 'retry' }
}

/** What to do with the current state: answer now, or write and answer with the new state. */
function planWrite(target: WriteTarget, current: StoredExperiment | null): Plan {
  if (current === null) return answer(err(errors.experimentNotFound(target.requestedId)))
  const { expectedVersion } = target
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return answer(err(errors.versionMismatch(expectedVersion, current.version)))
  }
  const now = target.context.clock.now()
  return target.decide(current, now).match(
    (verdict) =>
      verdict.kind === 'unchanged'
        ? answer(ok({ view: toView(current, now), written: false }))
        : planEdit(target, current, verdict, now),
    (refusal) => answer(err(refusal)),
  )
}

function answer(result: Result<WriteSettled, ExperimentError>): Plan {
  return { kind: 'answer', answer: result }
}

/** The compare-and-set write of an edit, with its audit entry and the view it answers with. */
function planEdit(
  target: WriteTarget,
  current: StoredExperiment,
  edit: Extract<Verdict, { kind: 'edit' }>,
  now: Date,
): Plan {
  const { statusChange } = edit
  // Every write records the environment's key as it stands, for the scheduler to resolve it by.
  const next = { ...edit.next, environmentKey: target.access.environment.key }
  const audit = buildAuditEntry({
    id: target.context.generateId(),
    action: edit.action,
    actor: target.access.actor,
    environment: target.access.environment,
    before: current,
    after: next,
  })
  const history = statusChange === null ? current.history : [...current.history, statusChange]
  return {
    kind: 'write',
    write: { kind: 'update', experiment: next, storedVersion: current.version, audit, statusChange },
    after: toView({ ...next, history }, now),
    featureId: current.featureId,
  }
}
