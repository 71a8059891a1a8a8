import { ExperimentAnalysisInput } from '../../../core/domain/experiment-analysis.js'
import { RolloutInput } from '../../../core/domain/rollout.js'
import { SetMetricsInput } from '../../../core/domain/schemas.js'
import { EXPERIMENT } from '../json/experiment-json.js'
import { defineRoute, serviceInput } from '../route-definition.js'
import { EXPERIMENT_PATH, EXPERIMENT_WRITE_ERRORS } from './common.js'

/** An experiment's design: the metrics it measures, its rollout and its analysis setting. */
export const DESIGN_ROUTES = [
  defineRoute({
    operationId: 'setExperimentMetrics',
    method: 'PUT',
    path: `${EXPERIMENT_PATH}metrics/`,
    tag: 'experiments',
    summary: "Replace the experiment's metrics (the primary one is fixed once started)",
    action: 'update',
    body: { name: 'SetExperimentMetricsInput', schema: SetMetricsInput },
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'metric_not_found', 'primary_metric_locked', 'experiment_completed'],
    call: ({ service, actor, environmentKey, id, body, expectedVersion }) =>
      service.setMetrics(actor, environmentKey, id, serviceInput(body), { expectedVersion }),
  }),
  defineRoute({
    operationId: 'setExperimentRollout',
    method: 'PUT',
    path: `${EXPERIMENT_PATH}rollout/`,
    tag: 'experiments',
    summary: 'Set traffic and split (the split is fixed once started; traffic may ramp until completion)',
    action: 'update',
    body: { name: 'RolloutInput', schema: RolloutInput },
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'allocation_locked', 'experiment_completed'],
    call: ({ service, actor, environmentKey, id, body, expectedVersion }) =>
      service.setRollout(actor, environmentKey, id, serviceInput(body), { expectedVersion }),
  }),
  defineRoute({
    operationId: 'setExperimentAnalysis',
    method: 'PUT',
    path: `${EXPERIMENT_PATH}analysis/`,
    tag: 'experiments',
    summary: 'Replace the analysis setting (fields left out take their defaults; fixed once started)',
    action: 'update',
    body: { name: 'ExperimentAnalysisInput', schema: ExperimentAnalysisInput },
    ifMatch: true,
    success: 200,
    response: EXPERIMENT,
    errors: [...EXPERIMENT_WRITE_ERRORS, 'analysis_locked', 'experiment_completed'],
    call: ({ service, actor, environmentKey, id, body, expectedVersion }) =>
      service.setAnalysis(actor, environmentKey, id, serviceInput(body), { expectedVersion }),
  }),
]
