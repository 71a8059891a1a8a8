import type { ExperimentStatus } from './vocabulary.js'

/** The status-changing actions; each names the status it leads to. */
export type TransitionAction = 'start' | 'pause' | 'complete'

/**
 * The state machine as data: for each status, the actions it allows and where each leads.
 * `completed` is terminal.
 */
export const TRANSITIONS = {
  created: { start: 'running' },
  running: { pause: 'paused', complete: 'completed' },
  paused: { start: 'running', complete: 'completed' },
  completed: {},
} as const satisfies Record<ExperimentStatus, Partial<Record<TransitionAction, ExperimentStatus>>>

/** The status each action leads to, whatever the status it starts from. */
export const ACTION_TARGET = {
  start: 'running',
  pause: 'paused',
  complete: 'completed',
} as const satisfies Record<TransitionAction, ExperimentStatus>
