import { differenceInMilliseconds } from 'date-fns/differenceInMilliseconds'
import type { Experiment, StatusChange } from './experiment.js'

/**
 * Whole seconds an experiment spent in `running`, pauses excluded, computed from its status
 * history: up to `endedAt` once completed, otherwise up to `now`.
 */
export function runningSeconds(
  experiment: Pick<Experiment, 'endedAt'>,
  history: readonly StatusChange[],
  now: Date,
): number {
  const until = experiment.endedAt ?? now
  let total = 0
  let runningSince: Date | null = null
  for (const change of history) {
    if (runningSince !== null && change.to !== 'running') {
      total += Math.max(0, differenceInMilliseconds(change.at, runningSince))
      runningSince = null
    } else if (runningSince === null && change.to === 'running') {
      runningSince = change.at
    }
  }
  if (runningSince !== null) {
    total += Math.max(0, differenceInMilliseconds(until, runningSince))
  }
  return Math.floor(total / 1000)
}
