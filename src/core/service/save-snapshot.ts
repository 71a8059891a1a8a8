import type { StoredExperiment } from '../domain/experiment.js'
import type { ExperimentResults } from '../domain/results.js'
import { snapshotDay } from '../domain/results-snapshot.js'
import type { ServiceContext } from './service-context.js'

/**
 * Stores `results` as the snapshot of the day its window ends; `replace` for the final results,
 * which take the place of that day's daily snapshot. Nothing without a history port or a window.
 */
export async function saveSnapshot(
  context: ServiceContext,
  experiment: Pick<StoredExperiment, 'environmentId' | 'id'>,
  results: ExperimentResults,
  replace: boolean,
): Promise<void> {
  const day = snapshotDay(results)
  if (context.resultsHistory === null || day === null) return
  await context.resultsHistory.saveSnapshot({
    environmentId: experiment.environmentId,
    experimentId: experiment.id,
    day,
    results,
    replace,
  })
}
