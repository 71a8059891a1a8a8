import { err, ok, type Result } from 'neverthrow'
import { errors, type ExperimentError } from './errors.js'
import type { Actor, Environment, ExperimentState, Feature, StatusChange } from './experiment.js'
import { decideSchedule, dueTransition, sameSchedule, type ScheduleChange } from './schedule.js'
import {
  applyTransition,
  changeTime,
  transitionRefusedMessage,
  type TransitionAction,
} from './state-machine.js'
import type { AuditAction } from './vocabulary.js'

/**
 * What a rule decides for the current state when it accepts the request: nothing to write,
 * or an edit — the new state, what the audit entry calls it, and its history row.
 */
export type Verdict =
  | { readonly kind: 'unchanged' }
  | {
      readonly kind: 'edit'
      readonly next: ExperimentState
      readonly action: AuditAction
      readonly statusChange: StatusChange | null
    }

/** What a rule decides for the current state: a {@link Verdict}, or a refusal. */
export type Decision = Result<Verdict, ExperimentError>

/** The verdict of a request that changes nothing. */
export const UNCHANGED: Verdict = { kind: 'unchanged' }

/** An edit that is not a status change: the new fields, a later `updatedAt` and the next version. */
export function editOf(
  experiment: ExperimentState,
  now: Date,
  fields: Partial<ExperimentState>,
  action: AuditAction,
): Verdict {
  const next = {
    ...experiment,
    ...fields,
    updatedAt: changeTime(experiment, now),
    version: experiment.version + 1,
  }
  return { kind: 'edit', next, action, statusChange: null }
}

/**
 * Decides an update of name, hypothesis and/or schedule; the feature can never change, and the
 * schedule follows {@link decideSchedule}.
 */
export function decideUpdate(
  current: ExperimentState,
  input: {
    readonly name?: string | undefined
    readonly hypothesis?: string | undefined
    readonly feature?: string | undefined
  } & ScheduleChange,
  now: Date,
): Decision {
  if (input.feature !== undefined && input.feature !== current.featureId)
    return err(errors.featureImmutable())
  return decideSchedule(current, input).map((schedule) => {
    const name = input.name ?? current.name
    const hypothesis = input.hypothesis ?? current.hypothesis
    if (name === current.name && hypothesis === current.hypothesis && sameSchedule(schedule, current))
      return UNCHANGED
    return editOf(current, now, { name, hypothesis, ...schedule }, 'updated')
  })
}

/** Decides a soft delete: refused while running. */
export function decideDelete(current: ExperimentState, now: Date): Decision {
  if (current.status === 'running') return err(errors.experimentRunning())
  return ok(editOf(current, now, { deletedAt: changeTime(current, now) }, 'deleted'))
}

/** Decides a restore: a no-op unless deleted (the repository re-checks the active slot). */
export function decideRestore(current: ExperimentState, now: Date): Decision {
  if (current.deletedAt === null) return ok(UNCHANGED)
  return ok(editOf(current, now, { deletedAt: null }, 'restored'))
}

/** Decides a transition through the state machine, with its history row. */
export function decideTransition(
  current: ExperimentState,
  action: TransitionAction,
  actor: Actor,
  now: Date,
): Decision {
  return applyTransition(current, action, now)
    .mapErr(({ from, to, allowed }): ExperimentError =>
      errors.invalidTransition(from, to, allowed, transitionRefusedMessage(from, action)),
    )
    .map((next) => ({
      kind: 'edit',
      next,
      action: auditActionOf(current, next),
      statusChange: { from: current.status, to: next.status, at: next.updatedAt, actor },
    }))
}

/**
 * Decides a transition the scheduler performs: the state machine's, when it is still the one
 * due on the current state; otherwise nothing (another instance did it first, or a caller
 * changed the experiment since it was found due).
 */
export function decideScheduledTransition(
  current: ExperimentState,
  action: TransitionAction,
  actor: Actor,
  now: Date,
): Decision {
  return dueTransition(current, now)?.action === action
    ? decideTransition(current, action, actor, now)
    : ok(UNCHANGED)
}

function auditActionOf(before: ExperimentState, after: ExperimentState): AuditAction {
  if (after.status === 'running') return before.status === 'paused' ? 'resumed' : 'started'
  return after.status === 'paused' ? 'paused' : 'completed'
}

/**
 * Decides whether an experiment may run on a feature the host resolved (`null` when it has
 * none): the feature must belong to the environment's project and be multivariate.
 */
export function decideFeature(
  featureId: string,
  feature: Feature | null,
  environment: Environment,
): Result<Feature, ExperimentError> {
  if (feature === null) return err(errors.featureNotFound(featureId))
  if (feature.projectId !== environment.projectId) return err(errors.featureNotInProject(featureId))
  if (feature.type !== 'multivariate') return err(errors.featureNotMultivariate(featureId))
  return ok(feature)
}
