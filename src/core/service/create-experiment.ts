import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import { decideFeature } from '../domain/decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { Feature, type Environment, type Experiment, type ExperimentView } from '../domain/experiment.js'
import { CreateExperimentInput, parseInput } from '../domain/schemas.js'
import { checkAccess } from './access-check.js'
import type { WriteOutcome } from '../../ports/experiment-repository.js'
import { toView, type Caller, type ServiceContext } from './service-context.js'

/** Creates an experiment on a multivariate feature of the environment's project, in `created`. */
export function createExperiment(
  context: ServiceContext,
  caller: Caller,
  input: CreateExperimentInput,
): ResultAsync<ExperimentView, ExperimentError> {
  return safeTry(async function* () {
    const access = yield* checkAccess(context, caller, 'create')
    const { feature: featureId, name, hypothesis } = yield* parseInput(CreateExperimentInput, input)
    const found = await context.features.featureById(featureId)
    const feature = yield* decideFeature(
      featureId,
      found === null || found === undefined ? null : Feature.parse(found),
      access.environment,
    )
    const now = context.clock.now()
    const experiment = newExperiment(
      context.generateId(),
      access.environment,
      feature,
      { name, hypothesis },
      now,
    )
    const audit = buildAuditEntry({
      id: context.generateId(),
      action: 'created',
      actor: access.actor,
      environment: access.environment,
      before: null,
      after: experiment,
    })
    yield* insertOutcome(await context.repository.write({ kind: 'insert', experiment, audit }), feature)
    return ok(toView({ ...experiment, history: [] }, now))
  })
}

/** A new experiment in `created`, at version 1. */
function newExperiment(
  id: string,
  environment: Environment,
  feature: Feature,
  content: { readonly name: string; readonly hypothesis: string },
  now: Date,
): Experiment {
  return {
    id,
    environmentId: environment.id,
    featureId: feature.id,
    name: content.name,
    hypothesis: content.hypothesis,
    status: 'created',
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    endedAt: null,
    version: 1,
    deletedAt: null,
  }
}

function insertOutcome(outcome: WriteOutcome, feature: Feature): Result<void, ExperimentError> {
  if (outcome === 'written') return ok(undefined)
  if (outcome === 'active_slot_taken') return err(errors.activeExperimentExists(feature.id))
  return err(errors.unavailable(new Error(`insert ended with ${outcome}`)))
}
