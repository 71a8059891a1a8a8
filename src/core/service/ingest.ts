import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { errors, type ExperimentError, type ValidationIssue } from '../domain/errors.js'
import { RecordEventsInput, RecordExposuresInput } from '../domain/ingest-input.js'
import { parseInput } from '../domain/schemas.js'
import type { Exposure, IngestOutcome } from '../../ports/experiment-data.js'
import type { IngestionTarget } from '../../ports/experiment-repository.js'
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
    yield* checkRecording(context)
    const { exposures } = yield* parseInput(RecordExposuresInput, input)
    const targets = await loadTargets(context, environment.id, exposures)
    yield* checkExposures(exposures, targets)
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
    yield* checkRecording(context)
    const { events } = yield* parseInput(RecordEventsInput, input)
    return ok(await context.experimentData.recordEvents(environment.id, events))
  })
}

/**
 * `ingestion_not_supported` when the experiment data only reads (the host's own tables): no batch
 * can be stored, whatever it holds, so it is refused before its items are checked.
 */
function checkRecording(context: ServiceContext): Result<void, ExperimentError> {
  return context.experimentData.mode === 'read_only' ? err(errors.ingestionNotSupported()) : ok(undefined)
}

/**
 * What the check needs of each experiment the batch names, in one read for the whole batch
 * (however many experiments it names): absent when it is not a visible experiment of the
 * environment.
 */
async function loadTargets(
  context: ServiceContext,
  environmentId: string,
  exposures: readonly Exposure[],
): Promise<ReadonlyMap<string, IngestionTarget>> {
  const ids = [...new Set(exposures.map((exposure) => exposure.experimentId))]
  const targets = await context.repository.ingestionTargets(environmentId, ids)
  return new Map(targets.map((target) => [target.id, target]))
}

/** Every exposure that names no started experiment or a variant outside its rollout, as issues at its index. */
function checkExposures(
  exposures: readonly Exposure[],
  targets: ReadonlyMap<string, IngestionTarget>,
): Result<void, ExperimentError> {
  const issues = exposures.flatMap((exposure, index): ValidationIssue[] => {
    const target = targets.get(exposure.experimentId)
    if (target === undefined) {
      return [{ path: `exposures.${index}.experiment`, message: 'No such experiment in this environment.' }]
    }
    if (!target.started) {
      return [{ path: `exposures.${index}.experiment`, message: 'The experiment has not started.' }]
    }
    const { variants } = target
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
