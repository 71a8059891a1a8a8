import { INSTANT_RANGE, isInstantInRange } from '../domain/instant.js'
import { err, ok, type Result } from 'neverthrow'
import { decideScheduledTransition } from '../domain/decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { Environment, type Actor, type StoredExperiment } from '../domain/experiment.js'
import { scheduledTransition, type ScheduledAction } from '../domain/schedule.js'
import type { DuePosition } from '../../ports/experiment-repository.js'
import type { Access } from './access-check.js'
import { guarded, type ServiceContext } from './service-context.js'
import { takeDailySnapshots } from './take-daily-snapshots.js'
import { writeAuthorized, type ExperimentWriteSettled } from './write-experiment.js'

/** Who performs scheduled transitions, in their audit entries and history rows. */
export const SCHEDULER_ACTOR: Actor = { type: 'system', id: 'scheduler' }

/** How many due experiments the scheduler reads at a time. */
const DUE_PAGE_SIZE = 100

/** One experiment a scheduled run moved. */
export interface ScheduledChange {
  readonly experimentId: string
  readonly environmentId: string
}

/**
 * A scheduled transition that was due but refused, or a daily results snapshot (`snapshot`) that
 * could not be taken; either stays due and is tried again by later runs.
 */
export interface ScheduledFailure extends ScheduledChange {
  readonly action: ScheduledAction | 'snapshot'
  readonly error: { readonly code: ExperimentError['code']; readonly message: string }
}

/**
 * What one run of {@link ExperimentService.runScheduled} did: the experiments it started, those
 * it completed, the running experiments whose daily results snapshot it took, and what failed.
 * An experiment another instance moved (or snapshotted) first is in none of them.
 */
export interface ScheduledRun {
  readonly started: readonly ScheduledChange[]
  readonly completed: readonly ScheduledChange[]
  readonly snapshots: readonly ScheduledChange[]
  readonly failed: readonly ScheduledFailure[]
}

/**
 * Performs every scheduled transition due at `now`, page after page of the due query, each
 * through the write engine as the `system` scheduler (rules, audit entry, history row,
 * compare-and-set), so that instances running at once perform each transition once: the loser
 * of a race re-reads the experiment and finds nothing due. The environment is resolved by the
 * experiment's environment id ({@link FeatureLookup.environmentById}). A start can
 * make an end due that the pages have passed, so the run reads them again until a pass starts
 * nothing; a transition is tried once per run. Then every running experiment without a results
 * snapshot for the day of `now` gets one (the lift over time).
 */
export async function runScheduled(
  context: ServiceContext,
  now: unknown,
): Promise<Result<ScheduledRun, ExperimentError>> {
  if (!(now instanceof Date) || !isInstantInRange(now)) {
    const message = `now must be a valid Date from ${INSTANT_RANGE.from} up to, not including, ${INSTANT_RANGE.until}.`
    return err(errors.validationFailed([{ path: 'now', message }]))
  }
  const run: Run = { started: [], completed: [], snapshots: [], failed: [] }
  const pass: Pass = { context, now, run, tried: new Set(), environments: new Map() }
  let started = 0
  do started = await runPass(pass)
  while (started > 0)
  const { taken, failed } = await takeDailySnapshots(context, now)
  run.snapshots.push(...taken)
  for (const { due, error } of failed) {
    const { code, message } = error
    run.failed.push({ ...due, action: 'snapshot', error: { code, message } })
  }
  return ok(run)
}

interface Run {
  readonly started: ScheduledChange[]
  readonly completed: ScheduledChange[]
  readonly snapshots: ScheduledChange[]
  readonly failed: ScheduledFailure[]
}

/** What the passes of one run share. */
interface Pass {
  readonly context: ServiceContext
  readonly now: Date
  readonly run: Run
  /** `<id> <action>` of every transition tried in this run. */
  readonly tried: Set<string>
  /** The host's answer for each environment id asked about in this run. */
  readonly environments: Map<string, Promise<Environment | null>>
}

/** One pass over the due experiments; resolves to how many it started. */
async function runPass(pass: Pass): Promise<number> {
  const { context, now, run, tried } = pass
  let started = 0
  let after: DuePosition | null = null
  for (;;) {
    const page = await context.repository.dueScheduled({ now, after, limit: DUE_PAGE_SIZE })
    const last = page.at(-1)
    const next = last && scheduledTransition(last)
    for (const experiment of page) {
      const transition = scheduledTransition(experiment)
      if (transition === null || tried.has(`${experiment.id} ${transition.action}`)) continue
      const { action } = transition
      tried.add(`${experiment.id} ${action}`)
      const change = { experimentId: experiment.id, environmentId: experiment.environmentId }
      const settled = await perform(pass, experiment, action)
      settled.match(
        ({ written }) => {
          if (written && action === 'start') {
            started++
            run.started.push(change)
          } else if (written) run.completed.push(change)
        },
        ({ code, message }) => run.failed.push({ ...change, action, error: { code, message } }),
      )
    }
    if (page.length < DUE_PAGE_SIZE || last === undefined || !next) return started
    after = { dueAt: next.at, id: last.id }
  }
}

/** One due transition, through the write engine; anything thrown becomes this transition's failure. */
function perform(
  pass: Pass,
  experiment: StoredExperiment,
  action: ScheduledAction,
): PromiseLike<Result<ExperimentWriteSettled, ExperimentError>> {
  const { context, environments, now } = pass
  return guarded(async () => {
    const id = experiment.environmentId
    const lookup = environments.get(id) ?? environmentById(context, id)
    environments.set(id, lookup)
    const environment = await lookup
    // A host that answers with another environment is not trusted with this one's experiments.
    if (environment?.id !== id) return err(errors.environmentNotFound(''))
    const access: Access = { actor: SCHEDULER_ACTOR, environment }
    return writeAuthorized(context, access, {
      action,
      experimentId: experiment.id,
      options: undefined,
      parse: () => ok(undefined),
      decide: ({ current }) => decideScheduledTransition(current, action, SCHEDULER_ACTOR, now),
    })
  })
}

/** The host's environment with this id, parsed; `null` when it has none (a malformed one throws). */
async function environmentById(context: ServiceContext, id: string): Promise<Environment | null> {
  const found = await context.features.environmentById(id)
  return found === null || found === undefined ? null : Environment.parse(found)
}
