import { CreateMetricInput, ListMetricsInput, UpdateMetricInput } from '../../../core/domain/metric.js'
import { METRIC, METRIC_DETAIL, METRIC_LIST } from '../json/metric-json.js'
import { defineRoute, serviceInput } from '../route-definition.js'
import { METRIC_PATH, METRIC_WRITE_ERRORS, METRICS_PATH, PAGING_PARAMETERS } from './common.js'

/** The environment's metric catalogue: list, create, read, edit, delete, restore. */
export const METRIC_ROUTES = [
  defineRoute({
    operationId: 'listMetrics',
    method: 'GET',
    path: METRICS_PATH,
    tag: 'metrics',
    summary: "List the environment's metrics, newest first",
    action: 'view',
    query: {
      schema: ListMetricsInput,
      multiValued: [],
      docs: {
        ...PAGING_PARAMETERS,
        deleted: {
          description:
            '`true`: the trash, deleted metrics only (each with `deleted_at`), so a client can find what to restore; `false` (the default): those not deleted.',
        },
      },
    },
    success: 200,
    response: METRIC_LIST,
    errors: [],
    call: ({ service, actor, environmentKey, query }) => service.listMetrics(actor, environmentKey, query),
  }),
  defineRoute({
    operationId: 'createMetric',
    method: 'POST',
    path: METRICS_PATH,
    tag: 'metrics',
    summary: 'Create a metric',
    action: 'manage_metrics',
    body: { name: 'CreateMetricInput', schema: CreateMetricInput },
    success: 201,
    response: METRIC,
    errors: ['metric_name_taken'],
    call: ({ service, actor, environmentKey, body }) =>
      service.createMetric(actor, environmentKey, serviceInput(body)),
  }),
  defineRoute({
    operationId: 'getMetric',
    method: 'GET',
    path: METRIC_PATH,
    tag: 'metrics',
    summary: 'Retrieve a metric with the experiments that list it',
    action: 'view',
    success: 200,
    response: METRIC_DETAIL,
    errors: ['metric_not_found'],
    call: ({ service, actor, environmentKey, id }) => service.getMetric(actor, environmentKey, id),
  }),
  defineRoute({
    operationId: 'updateMetric',
    method: 'PATCH',
    path: METRIC_PATH,
    tag: 'metrics',
    summary: 'Update a metric (event and aggregation are fixed while a started experiment uses it)',
    action: 'manage_metrics',
    body: { name: 'UpdateMetricInput', schema: UpdateMetricInput },
    ifMatch: true,
    success: 200,
    response: METRIC,
    errors: [...METRIC_WRITE_ERRORS, 'metric_name_taken', 'metric_in_use'],
    call: ({ service, actor, environmentKey, id, body, expectedVersion }) =>
      service.updateMetric(actor, environmentKey, id, serviceInput(body), { expectedVersion }),
  }),
  defineRoute({
    operationId: 'deleteMetric',
    method: 'DELETE',
    path: METRIC_PATH,
    tag: 'metrics',
    summary: 'Soft-delete a metric (not while an experiment that is not completed lists it)',
    action: 'manage_metrics',
    ifMatch: true,
    success: 204,
    response: null,
    errors: [...METRIC_WRITE_ERRORS, 'metric_in_use'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.deleteMetric(actor, environmentKey, id, { expectedVersion }),
  }),
  defineRoute({
    operationId: 'restoreMetric',
    method: 'POST',
    path: `${METRIC_PATH}restore/`,
    tag: 'metrics',
    summary: 'Undo a metric delete',
    action: 'manage_metrics',
    ifMatch: true,
    success: 200,
    response: METRIC,
    errors: [...METRIC_WRITE_ERRORS, 'metric_name_taken'],
    call: ({ service, actor, environmentKey, id, expectedVersion }) =>
      service.restoreMetric(actor, environmentKey, id, { expectedVersion }),
  }),
]
