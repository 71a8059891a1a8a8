import { err, ok, type Result } from 'neverthrow'
import { errors, type ExperimentError, type ValidationIssue } from './errors.js'
import type { Experiment } from './experiment.js'
import type { TransitionAction } from './state-machine.js'
import type { ExperimentStatus } from './vocabulary.js'

/** When the scheduler starts an experiment and when it completes it; `null` is not scheduled. */
export interface Schedule {
  readonly scheduledStartAt: Date | null
  readonly scheduledEndAt: Date | null
}

/** A change of schedule as a caller asks for it: a date sets a field, `null` clears it, absent keeps it. */
export interface ScheduleChange {
  readonly scheduledStartAt?: Date | null | undefined
  readonly scheduledEndAt?: Date | null | undefined
}

/** The transitions the scheduler performs: a scheduled start, a scheduled completion. */
export type ScheduledAction = Extract<TransitionAction, 'start' | 'complete'>

/** A transition the schedule asks for, and from when. */
export interface ScheduledTransition {
  readonly action: ScheduledAction
  readonly at: Date
}

/** What a start-after-end schedule is told. */
export const SCHEDULE_ORDER_MESSAGE = 'scheduledStartAt must be earlier than scheduledEndAt.'

/**
 * The statuses a schedule can still lead to from each status: a start only before the first
 * start, an end until completion. The `allowed` of a refused schedule.
 */
const SCHEDULABLE: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  created: ['running', 'completed'],
  running: ['completed'],
  paused: ['completed'],
  completed: [],
}

const isSet = (value: Date | null | undefined): value is Date => value !== undefined && value !== null

/** Why a schedule cannot be set, naming what still can: `cannot schedule a start: the experiment is running; allowed: an end`. */
function scheduleRefused(what: 'a start' | 'an end', status: ExperimentStatus): string {
  const allowed = SCHEDULABLE[status].map((target) => (target === 'running' ? 'a start' : 'an end'))
  return `cannot schedule ${what}: the experiment is ${status}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`
}

/**
 * Decides the schedule an experiment gets from a caller's change (`docs/rules.md#schedule`): a
 * start only on an experiment that has never started and an end only on one not completed
 * (otherwise `invalid_transition`), and the start strictly before the end, stored values
 * included (otherwise `validation_failed` on the field the caller sent).
 */
export function decideSchedule(
  current: Pick<Experiment, 'status'> & Schedule,
  change: ScheduleChange,
): Result<Schedule, ExperimentError> {
  const { status } = current
  if (isSet(change.scheduledStartAt) && status !== 'created')
    return err(
      errors.invalidTransition(status, 'running', SCHEDULABLE[status], scheduleRefused('a start', status)),
    )
  if (isSet(change.scheduledEndAt) && status === 'completed')
    return err(
      errors.invalidTransition(status, 'completed', SCHEDULABLE[status], scheduleRefused('an end', status)),
    )
  const schedule = {
    scheduledStartAt:
      change.scheduledStartAt === undefined ? current.scheduledStartAt : change.scheduledStartAt,
    scheduledEndAt: change.scheduledEndAt === undefined ? current.scheduledEndAt : change.scheduledEndAt,
  }
  const { scheduledStartAt: start, scheduledEndAt: end } = schedule
  if (start !== null && end !== null && start.getTime() >= end.getTime()) {
    const path = change.scheduledEndAt === undefined ? 'scheduledStartAt' : 'scheduledEndAt'
    const issue: ValidationIssue = { path, message: SCHEDULE_ORDER_MESSAGE }
    return err(errors.validationFailed([issue]))
  }
  return ok(schedule)
}

/** Whether two schedules are the same instants. */
export function sameSchedule(a: Schedule, b: Schedule): boolean {
  const same = (x: Date | null, y: Date | null) => (x === null ? y === null : y !== null && +x === +y)
  return same(a.scheduledStartAt, b.scheduledStartAt) && same(a.scheduledEndAt, b.scheduledEndAt)
}

/**
 * The transition an experiment's schedule asks for next, due or not: its start while `created`,
 * its completion while `running` or `paused` (an end set on an experiment that never started
 * waits for its start), nothing once completed or deleted.
 */
export function scheduledTransition(
  experiment: Pick<Experiment, 'status' | 'deletedAt'> & Schedule,
): ScheduledTransition | null {
  const { status, scheduledStartAt, scheduledEndAt } = experiment
  if (experiment.deletedAt !== null || status === 'completed') return null
  if (status === 'created') return scheduledStartAt && { action: 'start', at: scheduledStartAt }
  return scheduledEndAt && { action: 'complete', at: scheduledEndAt }
}

/** The scheduled transition that is due at `now` (its time has come), or `null`. */
export function dueTransition(
  experiment: Pick<Experiment, 'status' | 'deletedAt'> & Schedule,
  now: Date,
): ScheduledTransition | null {
  const next = scheduledTransition(experiment)
  return next !== null && next.at.getTime() <= now.getTime() ? next : null
}
