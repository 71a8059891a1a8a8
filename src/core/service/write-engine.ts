import { err, ok, type Result } from 'neverthrow'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { ExperimentWrite } from '../../ports/experiment-repository.js'
import type { MetricWrite } from '../../ports/metric-repository.js'
import type { ServiceContext } from './service-context.js'
import { refusalOf, type RepositoryOutcome } from './write-refusal.js'

/** What the engine reads: anything with a compare-and-set `version`. */
type Versioned = { readonly version: number }

/** What the engine writes: a change to an experiment or to a metric, with its audit entry. */
type AnyWrite = ExperimentWrite | MetricWrite

/** How often a write lost to a concurrent one is re-decided on fresh state before giving up. */
const MAX_ATTEMPTS = 10

/** How a write ended: the entity as it now is, and whether this write changed it. */
export interface WriteSettled<V> {
  readonly view: V
  readonly written: boolean
}

/** A rule's answer on one state: nothing to write (answer with this view), or a write. */
export type Planned<W, V> =
  | { readonly kind: 'unchanged'; readonly view: V }
  | { readonly kind: 'write'; readonly write: W; readonly after: V }

/** A write's decision on one state: an answer without writing, or a write and its answer. */
type Plan<W, V> =
  | { readonly kind: 'answer'; readonly answer: Result<WriteSettled<V>, ExperimentError> }
  | { readonly kind: 'write'; readonly write: W; readonly after: V }

/**
 * One compare-and-set write of an existing entity (an experiment or a metric), past the access
 * check and the input: how to read it, decide on it and write it. The engine does the rest.
 */
export interface EngineWrite<
  S extends { readonly version: number },
  W extends ExperimentWrite | MetricWrite,
  V,
> {
  readonly context: ServiceContext
  readonly environmentId: string
  readonly expectedVersion: number | undefined
  /** The refusal when nothing visible has the id. */
  readonly notFound: () => ExperimentError
  /** The first read (it may have started while the input was parsed). */
  readonly firstRead: () => Promise<S | null>
  /** A fresh read, for another optimistic attempt. */
  readonly read: () => Promise<S | null>
  /** Checks against other ports on each optimistic read; a refusal answers before any write. */
  readonly check?: (current: S) => PromiseLike<Result<void, ExperimentError>>
  /** The rule on the current state, at `now`. */
  readonly decide: (current: S, now: Date) => Result<Planned<W, V>, ExperimentError>
  readonly write: (write: W) => Promise<RepositoryOutcome>
  /**
   * Reads under the repository's row lock, lets `decide` choose the write and persists it before
   * the lock is released; absent when the repository has no lock (attempts stay optimistic).
   */
  readonly lockAndWrite?: (
    decide: (found: S | null) => W | null,
  ) => Promise<RepositoryOutcome | 'nothing_to_write'>
}

/** One attempt: what was planned, and how the repository ended it. */
interface Attempt<W, V> {
  readonly plan: Plan<W, V>
  readonly outcome: RepositoryOutcome | 'nothing_to_write'
}

/**
 * The one write engine: read, decide on fresh state, write compare-and-set with the audit entry
 * the plan carries. A write lost to a concurrent one is decided again on the new state — under
 * the repository's row lock when it offers one, so contended writers queue — up to 10 times,
 * then `unavailable`. Every refusal the repository answers becomes its error in one place
 * ({@link refusalOf}).
 */
export async function settleWrite<
  S extends { readonly version: number },
  W extends ExperimentWrite | MetricWrite,
  V,
>(engine: EngineWrite<S, W, V>): Promise<Result<WriteSettled<V>, ExperimentError>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { plan, outcome } = await (attempt === 0
      ? attemptOptimistic(engine, engine.firstRead())
      : engine.lockAndWrite === undefined
        ? attemptOptimistic(engine, engine.read())
        : attemptLocked(engine, engine.lockAndWrite))
    if (plan.kind === 'answer') return plan.answer
    if (outcome === 'written') return ok({ view: plan.after, written: true })
    if (outcome !== 'version_conflict' && outcome !== 'nothing_to_write') {
      return err(await refusalOf(engine.context, engine.environmentId, plan.write, outcome))
    }
  }
  return err(errors.unavailable(new Error(`gave up after ${MAX_ATTEMPTS} concurrent modifications`)))
}

/** Reads, decides, and writes compare-and-set: a concurrent write in between makes it a conflict. */
async function attemptOptimistic<
  S extends { readonly version: number },
  W extends ExperimentWrite | MetricWrite,
  V,
>(engine: EngineWrite<S, W, V>, read: Promise<S | null>): Promise<Attempt<W, V>> {
  const current = await read
  if (current !== null && engine.check !== undefined) {
    const checked = await engine.check(current)
    if (checked.isErr()) return { plan: answer(err(checked.error)), outcome: 'nothing_to_write' }
  }
  const plan = planWrite(engine, current)
  const outcome = plan.kind === 'write' ? await engine.write(plan.write) : 'nothing_to_write'
  return { plan, outcome }
}

/** Reads, decides and writes under the repository's row lock, so contended writers queue. */
async function attemptLocked<
  S extends { readonly version: number },
  W extends ExperimentWrite | MetricWrite,
  V,
>(
  engine: EngineWrite<S, W, V>,
  lockAndWrite: NonNullable<EngineWrite<S, W, V>['lockAndWrite']>,
): Promise<Attempt<W, V>> {
  const decided: { plan?: Plan<W, V> } = {}
  const outcome = await lockAndWrite((found) => {
    const plan = planWrite(engine, found)
    decided.plan = plan
    return plan.kind === 'write' ? plan.write : null
  })
  const missing = errors.unavailable(new Error('lockAndWrite did not call decide'))
  return { plan: decided.plan ?? answer(err(missing)), outcome }
}

/** What to do with the current state: answer now, or write and answer with the new state. */
function planWrite<S extends Versioned, W extends AnyWrite, V>(
  engine: EngineWrite<S, W, V>,
  current: S | null,
): Plan<W, V> {
  if (current === null) return answer(err(engine.notFound()))
  const { expectedVersion } = engine
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    return answer(err(errors.versionMismatch(expectedVersion, current.version)))
  }
  return engine.decide(current, engine.context.clock.now()).match(
    (planned): Plan<W, V> =>
      planned.kind === 'unchanged' ? answer(ok({ view: planned.view, written: false })) : planned,
    (refusal) => answer(err(refusal)),
  )
}

function answer<W, V>(result: Result<WriteSettled<V>, ExperimentError>): Plan<W, V> {
  return { kind: 'answer', answer: result }
}
