import { ok, okAsync, type ResultAsync } from 'neverthrow'
import { decideDelete, decideRestore, decideTransition, decideUpdate } from '../domain/decisions.js'
import type { ExperimentError } from '../domain/errors.js'
import type { ExperimentView } from '../domain/experiment.js'
import { parseInput, UpdateExperimentInput } from '../domain/schemas.js'
import type { TransitionAction } from '../domain/state-machine.js'
import { checkMetricsLive } from './metric-lookup.js'
import type { ServiceContext } from './service-context.js'
import { writeExperiment, type WriteRequest } from './write-experiment.js'

/** The experiment a write use case acts on, and who asks. */
export type ExperimentTarget = Pick<WriteRequest<unknown>, 'caller' | 'experimentId' | 'options'>

type Result = ResultAsync<ExperimentView, ExperimentError>

const noInput = () => ok(undefined)

/** Changes name and/or hypothesis; the feature can never change. */
export function updateExperiment(context: ServiceContext, target: ExperimentTarget, input: unknown): Result {
  return writeExperiment(context, {
    ...target,
    action: 'update',
    parse: () => parseInput(UpdateExperimentInput, input),
    decide: ({ current, input: fields, now }) => decideUpdate(current, fields, now),
  })
}

/** Soft-deletes an experiment that is not running. */
export function deleteExperiment(context: ServiceContext, target: ExperimentTarget): Result {
  return writeExperiment(context, {
    ...target,
    action: 'delete',
    parse: noInput,
    decide: ({ current, now }) => decideDelete(current, now),
  })
}

/**
 * Brings a soft-deleted experiment back; a no-op on one that is not deleted. One that is not
 * completed comes back only if every metric it lists is still in the catalogue
 * (`metric_not_found` otherwise); the repository repeats the check against concurrent deletes.
 */
export function restoreExperiment(context: ServiceContext, target: ExperimentTarget): Result {
  return writeExperiment(context, {
    ...target,
    action: 'restore',
    parse: noInput,
    check: (current) =>
      current.deletedAt === null || current.status === 'completed'
        ? okAsync(undefined)
        : checkMetricsLive(context, current.environmentId, current.metrics),
    decide: ({ current, now }) => decideRestore(current, now),
  })
}

/** Moves an experiment through the state machine: start (or resume), pause, complete. */
export function transitionExperiment(
  context: ServiceContext,
  target: ExperimentTarget,
  action: TransitionAction,
): Result {
  return writeExperiment(context, {
    ...target,
    action,
    parse: noInput,
    decide: ({ current, actor, now }) => decideTransition(current, action, actor, now),
  })
}
