import { err, ok, type Result } from 'neverthrow'
import type { Experiment } from './experiment.js'
import type { ExperimentStatus } from './vocabulary.js'

import { ACTION_TARGET, TRANSITIONS, type TransitionAction } from './transitions.js'

// The table lives on its own so that code needing only the data (the console) pulls in nothing else.
export { ACTION_TARGET, TRANSITIONS, type TransitionAction }

/** A transition the state machine does not allow. */
export interface TransitionRefused {
  readonly from: ExperimentStatus
  readonly to: ExperimentStatus
  /** The statuses reachable from `from`, in lifecycle order. */
  readonly allowed: readonly ExperimentStatus[]
}

/** The statuses reachable from `from` in one transition. */
export function allowedTargets(from: ExperimentStatus): ExperimentStatus[] {
  const targets: readonly ExperimentStatus[] = Object.values(TRANSITIONS[from])
  return [...new Set(targets)]
}

/**
 * Why `action` cannot run on an experiment in `from`, naming the actions that can:
 * `cannot pause: the experiment is completed; allowed: none`.
 */
export function transitionRefusedMessage(from: ExperimentStatus, action: TransitionAction): string {
  const allowed = Object.keys(TRANSITIONS[from])
  return `cannot ${action}: the experiment is ${from}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`
}

/** The status `action` leads to from `from`, or why it cannot. */
export function nextStatus(
  from: ExperimentStatus,
  action: TransitionAction,
): Result<ExperimentStatus, TransitionRefused> {
  const row: Partial<Record<TransitionAction, ExperimentStatus>> = TRANSITIONS[from]
  const to = row[action]
  return to === undefined ? err({ from, to: ACTION_TARGET[action], allowed: allowedTargets(from) }) : ok(to)
}

/**
 * The moment a change happens: the clock's reading, but never earlier than the experiment's
 * last change, so timestamps stay ordered even when instances' clocks disagree.
 */
export function changeTime(experiment: Pick<Experiment, 'updatedAt'>, now: Date): Date {
  return now < experiment.updatedAt ? experiment.updatedAt : now
}

/**
 * Applies a transition with its timestamp rules: the first start sets `startedAt` (a resume
 * keeps it), completing sets `endedAt`, and every change moves `updatedAt` and `version`. A
 * start clears the scheduled start and a completion the scheduled end: each is fulfilled.
 */
export function applyTransition<E extends Experiment>(
  experiment: E,
  action: TransitionAction,
  now: Date,
): Result<E, TransitionRefused> {
  return nextStatus(experiment.status, action).map((status) => {
    const at = changeTime(experiment, now)
    return {
      ...experiment,
      status,
      startedAt: status === 'running' ? (experiment.startedAt ?? at) : experiment.startedAt,
      endedAt: status === 'completed' ? at : experiment.endedAt,
      scheduledStartAt: status === 'running' ? null : experiment.scheduledStartAt,
      scheduledEndAt: status === 'completed' ? null : experiment.scheduledEndAt,
      updatedAt: at,
      version: experiment.version + 1,
    }
  })
}
