import { err, ok, type Result } from 'neverthrow'
import type { AuditAction } from './audit-entry.js'
import { errors, type ExperimentError } from './errors.js'
import type { Actor, Experiment, StatusChange } from './experiment.js'
import { applyTransition, changeTime, type TransitionAction } from './state-machine.js'

/** A decided change: the new state, what the audit entry calls it, and its history row. */
export interface Change {
  readonly next: Experiment
  readonly action: AuditAction
  readonly statusChange: StatusChange | null
}

/** What a rule decides for the current state: a change, nothing to do, or a refusal. */
export type Decision = Result<Change | 'unchanged', ExperimentError>

function touched(experiment: Experiment, now: Date, patch: Partial<Experiment>): Experiment {
  return { ...experiment, ...patch, updatedAt: changeTime(experiment, now), version: experiment.version + 1 }
}

/** Decides an update of name and/or hypothesis; the feature can never change. */
export function decideUpdate(
  current: Experiment,
  input: {
    readonly name?: string | undefined
    readonly hypothesis?: string | undefined
    readonly feature?: string | undefined
  },
  now: Date,
): Decision {
  if (input.feature !== undefined && input.feature !== current.featureId)
    return err(errors.featureImmutable())
  const name = input.name ?? current.name
  const hypothesis = input.hypothesis ?? current.hypothesis
  if (name === current.name && hypothesis === current.hypothesis) return ok('unchanged')
  return ok({ next: touched(current, now, { name, hypothesis }), action: 'updated', statusChange: null })
}

/** Decides a soft delete: refused while running. */
export function decideDelete(current: Experiment, now: Date): Decision {
  if (current.status === 'running') return err(errors.experimentRunning())
  return ok({
    next: touched(current, now, { deletedAt: changeTime(current, now) }),
    action: 'deleted',
    statusChange: null,
  })
}

/** Decides a restore: a no-op unless deleted (the repository re-checks the active slot). */
export function decideRestore(current: Experiment, now: Date): Decision {
  if (current.deletedAt === null) return ok('unchanged')
  return ok({ next: touched(current, now, { deletedAt: null }), action: 'restored', statusChange: null })
}

/** Decides a transition through the state machine, with its history row. */
export function decideTransition(
  current: Experiment,
  action: TransitionAction,
  actor: Actor,
  now: Date,
): Decision {
  return applyTransition(current, action, now)
    .mapErr(({ from, to, allowed }): ExperimentError => errors.invalidTransition(from, to, allowed))
    .map((next) => ({
      next,
      action: auditActionOf(current, next),
      statusChange: { from: current.status, to: next.status, at: next.updatedAt, actor },
    }))
}

function auditActionOf(before: Experiment, after: Experiment): AuditAction {
  if (after.status === 'running') return before.status === 'paused' ? 'resumed' : 'started'
  return after.status === 'paused' ? 'paused' : 'completed'
}
