import { err, ok, safeTry, type ResultAsync } from 'neverthrow'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { StoredExperiment } from '../domain/experiment.js'
import { buildResults, resultsWindow, type ExperimentResults, type ResultsWindow } from '../domain/results.js'
import { checkAccess } from './access-check.js'
import { findVisibleExperiment } from './read-experiments.js'
import { saveSnapshot } from './save-snapshot.js'
import type { Caller, ServiceContext } from './service-context.js'

/**
 * An experiment's results: empty before it starts, computed from the data up to now while it
 * runs or pauses, and once it is completed computed one last time (up to its end), stored and
 * from then on read back unchanged, so every reader sees the same body.
 */
export function getResults(
  context: ServiceContext,
  caller: Caller,
  experimentId: string,
): ResultAsync<ExperimentResults, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const lookup = { environmentId: environment.id, experimentId, includeDeleted: false }
    const experiment = await findVisibleExperiment(context, lookup)
    if (experiment === null) return err(errors.experimentNotFound(String(experimentId)))
    if (experiment.status !== 'completed') return ok(await computeResults(context, experiment, false))
    const stored = await context.repository.finalResults(environment.id, experiment.id)
    return ok(stored ?? (await freezeResults(context, experiment)))
  })
}

/** The results from the data up to now (a completed experiment's window ends at its end). */
export async function computeResults(
  context: ServiceContext,
  experiment: StoredExperiment,
  isFinal: boolean,
  asOf: Date = context.clock.now(),
): Promise<ExperimentResults> {
  const window = resultsWindow(experiment, asOf)
  const summary = window === null ? null : await summarize(context, experiment, window)
  const { method, sequentialTuning, preExposureDays } = experiment.analysis
  return buildResults(experiment, summary, {
    asOf,
    isFinal,
    analysis: { method, sequentialTuning },
    preExposureDays,
  })
}

/**
 * The final results of a completed experiment: computed up to its end and stored unless a racing
 * reader stored them first, in which case that reader's body is the one returned; the stored body
 * is also the snapshot of the end day, the last point of the lift over time.
 */
async function freezeResults(
  context: ServiceContext,
  experiment: StoredExperiment,
): Promise<ExperimentResults> {
  const results = await computeResults(context, experiment, true)
  const stored = await context.repository.saveFinalResults(experiment.environmentId, experiment.id, results)
  await saveSnapshot(context, experiment, stored, true)
  return stored
}

/**
 * The experiment's exposures and its metrics' events over the window, aggregated by the data port,
 * with the pre-exposure sums of the days before each identity's exposure that CUPED adjusts with.
 */
function summarize(context: ServiceContext, experiment: StoredExperiment, window: ResultsWindow) {
  return context.experimentData.summarize({
    environmentId: experiment.environmentId,
    experimentId: experiment.id,
    window,
    metrics: experiment.metrics.map(({ metricId, event, aggregation }) => ({ metricId, event, aggregation })),
    preExposureDays: experiment.analysis.preExposureDays,
  })
}
