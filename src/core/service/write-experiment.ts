import { safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import type { Decision, Verdict } from '../domain/decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { normalizeExperimentId } from '../domain/experiment-id.js'
import type { Actor, ExperimentView, StoredExperiment } from '../domain/experiment.js'
import { parseInput, WriteOptions } from '../domain/schemas.js'
import type { ExperimentWrite } from '../../ports/experiment-repository.js'
import { checkAccess, type Access } from './access-check.js'
import { findVisibleExperiment, keepVisible } from './read-experiments.js'
import { toView, type Caller, type ServiceContext } from './service-context.js'
import { settleWrite, type Planned, type WriteSettled } from './write-engine.js'
import type { ExperimentAction } from '../domain/vocabulary.js'

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

/** How an experiment write ended: the experiment as it now is, and whether this write changed it. */
export type ExperimentWriteSettled = WriteSettled<ExperimentView>

/**
 * The shared path of every change to an existing experiment: check access, options and input,
 * then read, decide on fresh state and write compare-and-set with its audit entry, through the
 * one write engine ({@link settleWrite}).
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
 * The experiment write after the access check: options and input checked, then the write engine
 * (see {@link writeExperiment}). Says whether it wrote, for callers that report what they did.
 */
export function writeAuthorized<I>(
  context: ServiceContext,
  access: Access,
  request: AuthorizedWriteRequest<I>,
): ResultAsync<ExperimentWriteSettled, ExperimentError> {
  return safeTry(async function* () {
    const { expectedVersion } = yield* parseInput(WriteOptions, request.options ?? {})
    const experimentId = normalizeExperimentId(request.experimentId)
    const includeDeleted = request.action === 'restore'
    const environmentId = access.environment.id
    const lookup = { environmentId, experimentId, includeDeleted }
    // The first read goes out while the input is parsed and resolved (a metrics PUT asks the
    // catalogue), so a design write waits on two round trips, not three.
    const firstRead = readFirst(context, lookup)
    const input = yield* await request.parse(access)
    const { check } = request
    const { repository } = context
    const lock = repository.lockAndWrite?.bind(repository)
    return await settleWrite<StoredExperiment, ExperimentWrite, ExperimentView>({
      context,
      environmentId,
      expectedVersion,
      notFound: () => errors.experimentNotFound(String(request.experimentId)),
      firstRead: () => firstRead.then(unwrapRead),
      read: () => findVisibleExperiment(context, lookup),
      check: check && ((current) => check(current, input)),
      decide: (current, now) =>
        request
          .decide({ current, input, actor: access.actor, now })
          .map((verdict) => planOf(context, access, current, verdict, now)),
      write: (change) => repository.write(change),
      lockAndWrite:
        lock &&
        ((decide) =>
          lock(environmentId, experimentId ?? '', { includeDeleted }, (found) =>
            decide(keepVisible(found, includeDeleted)),
          )),
    })
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

/** A verdict as the engine writes it: the view to answer with, or the compare-and-set write with its audit entry. */
function planOf(
  context: ServiceContext,
  access: Access,
  current: StoredExperiment,
  verdict: Verdict,
  now: Date,
): Planned<ExperimentWrite, ExperimentView> {
  if (verdict.kind === 'unchanged') return { kind: 'unchanged', view: toView(current, now) }
  const { statusChange } = verdict
  // Every write records the environment's key as it stands, for the scheduler to resolve it by.
  const next = { ...verdict.next, environmentKey: access.environment.key }
  const audit = buildAuditEntry({
    subject: 'experiment',
    id: context.generateId(),
    action: verdict.action,
    actor: access.actor,
    environment: access.environment,
    before: current,
    after: next,
  })
  const history = statusChange === null ? current.history : [...current.history, statusChange]
  return {
    kind: 'write',
    write: { kind: 'update', experiment: next, storedVersion: current.version, audit, statusChange },
    after: toView({ ...next, history }, now),
  }
}
