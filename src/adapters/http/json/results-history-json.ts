import { z } from 'zod'
import type { ExperimentResults } from '../../../core/domain/results.js'
import type { Representation } from './representation.js'
import { ExperimentResultsJson, toResultsJson } from './results-json.js'

/** An experiment's lift over time: its results snapshots, oldest day first. */
export const ResultsHistoryJson = z
  .strictObject({
    results: z
      .array(ExperimentResultsJson)
      .describe(
        "Oldest day first, at most one a day (the scheduler's daily snapshot while running); a completed experiment's last is its final results.",
      ),
  })
  .meta({ title: 'ResultsHistory' })
/** An experiment's lift over time, as the HTTP API returns it. */
export type ResultsHistoryJson = z.output<typeof ResultsHistoryJson>

/** An experiment's results snapshots on the wire, each as the results endpoint answers it. */
export const RESULTS_HISTORY: Representation<readonly ExperimentResults[]> = {
  name: 'ResultsHistory',
  schema: ResultsHistoryJson,
  toJson: (history) => ({ results: history.map(toResultsJson) }),
}
