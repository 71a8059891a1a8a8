import { EXPERIMENT } from '../json/experiment-json.js'
import { HISTORY } from '../json/history-json.js'
import { defineRoute } from '../route-definition.js'
import { EXPERIMENT_PATH, EXPERIMENT_WRITE_ERRORS } from './common.js'

/** An experiment's lifecycle: start (or resume), pause, complete, and the history of its statuses. */
export const LIFECYCLE_ROUTES = [
  defineRoute({
    operationId: 'startExperiment',
    method: 'POST',
    path: `${EXPERIMENT_PATH}start/`,
    tag: 'experiments',
    summary: 'Start or resume an experiment',
    action: 'start',
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'invalid_transition', 'active_experiment_exists'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.start(actor, environmentKey, id, { expectedVersion }),
  }),
  defineRoute({
    operationId: 'pauseExperiment',
    method: 'POST',
    path: `${EXPERIMENT_PATH}pause/`,
    tag: 'experiments',
    summary: 'Pause a running experiment',
    action: 'pause',
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'invalid_transition'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.pause(actor, environmentKey, id, { expectedVersion }),
  }),
  defineRoute({
    operationId: 'completeExperiment',
    method: 'POST',
    path: `${EXPERIMENT_PATH}complete/`,
    tag: 'experiments',
    summary: 'Complete a running or paused experiment',
    action: 'complete',
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'invalid_transition'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.complete(actor, environmentKey, id, { expectedVersion }),
  }),
  defineRoute({
    operationId: 'getExperimentHistory',
    method: 'GET',
    path: `${EXPERIMENT_PATH}history/`,
    tag: 'experiments',
    summary: 'Status history, oldest first',
    action: 'view',
    success: 200,
    response: HISTORY,
    errors: ['experiment_not_found'],
    call: ({ service, actor, environmentKey, id }) => service.history(actor, environmentKey, id),
  }),
]
