import { RESULTS_HISTORY } from '../json/results-history-json.js'
import { RESULTS } from '../json/results-json.js'
import { defineRoute } from '../route-definition.js'
import { EXPERIMENT_PATH } from './common.js'

/** An experiment's results, computed from the data ingested. */
export const RESULTS_ROUTES = [
  defineRoute({
    operationId: 'getExperimentResults',
    method: 'GET',
    path: `${EXPERIMENT_PATH}results/`,
    tag: 'results',
    summary: "The experiment's results: exposures, sample ratio check and every metric against the control",
    action: 'view',
    success: 200,
    response: RESULTS,
    errors: ['experiment_not_found'],
    call: ({ service, actor, environmentKey, id }) => service.results(actor, environmentKey, id),
  }),
  defineRoute({
    operationId: 'getExperimentResultsHistory',
    method: 'GET',
    path: `${EXPERIMENT_PATH}results/history/`,
    tag: 'results',
    summary:
      "The lift over time: the experiment's results snapshots, at most one a day, oldest first (the last of a completed experiment is its final results)",
    action: 'view',
    success: 200,
    response: RESULTS_HISTORY,
    errors: ['experiment_not_found'],
    call: ({ service, actor, environmentKey, id }) => service.resultsHistory(actor, environmentKey, id),
  }),
]
