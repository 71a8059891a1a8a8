import { ok, type ResultAsync } from 'neverthrow'
import { decideDelete, decideRestore, decideTransition, decideUpdate } from '../domain/decisions.js'
import type { ExperimentError } from '../domain/errors.js'
import type { ExperimentView } from '../domain/experiment.js'
import { parseInput, UpdateExperimentInput } from '../domain/schemas.js'
import type { TransitionAction } from '../domain/state-machine.js'
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

/** Brings a soft-deleted experiment back; a no-op on one that is not deleted. */
export function restoreExperiment(context: ServiceContext, target: ExperimentTarget): Result {
  return writeExperiment(context, {
    ...target,
    action: 'restore',
    parse: noInput,
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
