import {
  CreateExperimentInput,
  ListExperimentsInput,
  UpdateExperimentInput,
} from '../../../core/domain/schemas.js'
import { EXPERIMENT, EXPERIMENT_LIST } from '../json/experiment-json.js'
import { defineRoute, serviceInput } from '../route-definition.js'
import { EXPERIMENT_PATH, EXPERIMENT_WRITE_ERRORS, EXPERIMENTS_PATH, PAGING_PARAMETERS } from './common.js'

/** The experiments of an environment: list (and trash), create, read, edit, delete, restore. */
export const EXPERIMENT_ROUTES = [
  defineRoute({
    operationId: 'listExperiments',
    method: 'GET',
    path: EXPERIMENTS_PATH,
    tag: 'experiments',
    summary: 'List experiments, newest first',
    action: 'view',
    query: {
      schema: ListExperimentsInput,
      multiValued: ['status'],
      docs: {
        status: {
          description: 'Keep only these statuses; repeat the parameter or separate values with commas.',
          style: 'form',
          explode: true,
        },
        feature: { description: "Keep only this feature's experiments." },
        ...PAGING_PARAMETERS,
        deleted: {
          description:
            '`true`: the trash, deleted experiments only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted.',
        },
      },
    },
    success: 200,
    response: EXPERIMENT_LIST,
    errors: [],
    call: ({ service, actor, environmentKey, query }) => service.list(actor, environmentKey, query),
  }),
  defineRoute({
    operationId: 'createExperiment',
    method: 'POST',
    path: EXPERIMENTS_PATH,
    tag: 'experiments',
    summary: 'Create an experiment',
    action: 'create',
    body: { name: 'CreateExperimentInput', schema: CreateExperimentInput },
    success: 201,
    response: EXPERIMENT,
    errors: [
      'feature_not_found',
      'feature_not_multivariate',
      'feature_not_in_project',
      'active_experiment_exists',
      'metric_not_found',
    ],
    call: ({ service, actor, environmentKey, body }) =>
      service.create(actor, environmentKey, serviceInput(body)),
  }),
  defineRoute({
    operationId: 'getExperiment',
    method: 'GET',
    path: EXPERIMENT_PATH,
    tag: 'experiments',
    summary: 'Retrieve an experiment',
    action: 'view',
    success: 200,
    response: EXPERIMENT,
    errors: ['experiment_not_found'],
    call: ({ service, actor, environmentKey, id }) => service.get(actor, environmentKey, id),
  }),
  defineRoute({
    operationId: 'updateExperiment',
    method: 'PATCH',
    path: EXPERIMENT_PATH,
    tag: 'experiments',
    summary: 'Update name, hypothesis and/or schedule',
    action: 'update',
    body: { name: 'UpdateExperimentInput', schema: UpdateExperimentInput },
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'feature_immutable', 'invalid_transition'],
    call: ({ service, actor, environmentKey, id, body, expectedVersion }) =>
      service.update(actor, environmentKey, id, serviceInput(body), { expectedVersion }),
  }),
  defineRoute({
    operationId: 'deleteExperiment',
    method: 'DELETE',
    path: EXPERIMENT_PATH,
    tag: 'experiments',
    summary: 'Soft-delete an experiment (not while running)',
    action: 'delete',
    ifMatch: true,
    success: 204,
    response: null,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'experiment_running'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.delete(actor, environmentKey, id, { expectedVersion }),
  }),
  defineRoute({
    operationId: 'restoreExperiment',
    method: 'POST',
    path: `${EXPERIMENT_PATH}restore/`,
    tag: 'experiments',
    summary: 'Undo a delete',
    action: 'restore',
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'active_experiment_exists', 'metric_not_found'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.restore(actor, environmentKey, id, { expectedVersion }),
  }),
]
