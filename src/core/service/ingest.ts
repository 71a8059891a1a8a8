import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { errors, type ExperimentError, type ValidationIssue } from '../domain/errors.js'
import type { StoredExperiment } from '../domain/experiment.js'
import { RecordEventsInput, RecordExposuresInput } from '../domain/ingest-input.js'
import { parseInput } from '../domain/schemas.js'
import type { Exposure, IngestOutcome } from '../../ports/experiment-data.js'
import { checkAccess } from './access-check.js'
import type { Caller, ServiceContext } from './service-context.js'

/**
 * Stores a batch of exposures: each must name a started, non-deleted experiment of the
 * environment and one of its rollout's variants. The batch is validated whole (every problem
 * reported at its item's index) and then stored atomically. Not a change to any experiment: no
 * version bump, no audit entry.
 */
export function recordExposures(
  context: ServiceContext,
  caller: Caller,
  input: unknown,
): ResultAsync<IngestOutcome, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'ingest')
    const { exposures } = yield* parseInput(RecordExposuresInput, input)
    const experiments = await loadExperiments(context, environment.id, exposures)
    yield* checkExposures(exposures, experiments)
    return ok(await context.experimentData.recordExposures(exposures))
  })
}

/** Stores a batch of the environment's events, validated whole; an event id seen before is a duplicate. */
export function recordEvents(
  context: ServiceContext,
  caller: Caller,
  input: unknown,
): ResultAsync<IngestOutcome, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'ingest')
    const { events } = yield* parseInput(RecordEventsInput, input)
    return ok(await context.experimentData.recordEvents(environment.id, events))
  })
}

/** Each experiment the batch names, read once: `null` when it is not a visible experiment of the environment. */
async function loadExperiments(
  context: ServiceContext,
  environmentId: string,
  exposures: readonly Exposure[],
): Promise<ReadonlyMap<string, StoredExperiment | null>> {
  const ids = [...new Set(exposures.map((exposure) => exposure.experimentId))]
  const found = await Promise.all(ids.map((id) => context.repository.find(environmentId, id)))
  return new Map(ids.map((id, index) => [id, visibleExperiment(found[index] ?? null)]))
}

/** The experiment, unless it is deleted (whatever the repository did). */
function visibleExperiment(found: StoredExperiment | null): StoredExperiment | null {
  return found !== null && found.deletedAt === null ? found : null
}

/** Every exposure that names no started experiment or a variant outside its rollout, as issues at its index. */
function checkExposures(
  exposures: readonly Exposure[],
  experiments: ReadonlyMap<string, StoredExperiment | null>,
): Result<void, ExperimentError> {
  const issues = exposures.flatMap((exposure, index): ValidationIssue[] => {
    const experiment = experiments.get(exposure.experimentId) ?? null
    if (experiment === null) {
      return [{ path: `exposures.${index}.experiment`, message: 'No such experiment in this environment.' }]
    }
    if (experiment.startedAt === null) {
      return [{ path: `exposures.${index}.experiment`, message: 'The experiment has not started.' }]
    }
    const variants = experiment.rollout.allocations.map((allocation) => allocation.variant)
    return variants.includes(exposure.variant)
      ? []
      : [
          {
            path: `exposures.${index}.variant`,
            message: `${exposure.variant} is not a variant of the experiment (${variants.join(', ')}).`,
          },
        ]
  })
  return issues.length === 0 ? ok(undefined) : err(errors.validationFailed(issues))
}
