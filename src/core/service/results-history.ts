import { err, ok, safeTry, type ResultAsync } from 'neverthrow'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { ExperimentResults } from '../domain/results.js'
import { withFinalResults } from '../domain/results-snapshot.js'
import { checkAccess } from './access-check.js'
import { findVisibleExperiment } from './read-experiments.js'
import { getResults } from './results.js'
import type { Caller, ServiceContext } from './service-context.js'

/**
 * An experiment's lift over time (action `view`): its results snapshots, oldest day first, one
 * per day at most; a completed experiment's end with its final results.
 */
export function getResultsHistory(
  context: ServiceContext,
  caller: Caller,
  experimentId: string,
): ResultAsync<readonly ExperimentResults[], ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const lookup = { environmentId: environment.id, experimentId, includeDeleted: false }
    const experiment = await findVisibleExperiment(context, lookup)
    if (experiment === null) return err(errors.experimentNotFound(String(experimentId)))
    const stored = (await context.resultsHistory?.snapshots(environment.id, experiment.id)) ?? []
    if (experiment.status !== 'completed') return ok(stored)
    // The final results, frozen by this read if no reader froze them yet.
    const final = yield* getResults(context, caller, experiment.id)
    return ok(withFinalResults(stored, final))
  })
}
