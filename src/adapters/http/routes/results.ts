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
]
