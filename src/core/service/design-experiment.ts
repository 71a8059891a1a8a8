import { err, ok, ResultAsync } from 'neverthrow'
import { decideAnalysisChange, decideMetricsChange, decideRolloutChange } from '../domain/design-decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { ExperimentAnalysisInput } from '../domain/experiment-analysis.js'
import { Feature, featureVariants, type ExperimentView, type StoredExperiment } from '../domain/experiment.js'
import { checkRolloutVariants, RolloutInput, type Rollout } from '../domain/rollout.js'
import { parseInput, SetMetricsInput } from '../domain/schemas.js'
import type { ExperimentTarget } from './edit-experiment.js'
import { resolveMetrics } from './metric-lookup.js'
import type { ServiceContext } from './service-context.js'
import { writeExperiment } from './write-experiment.js'

type Answer = ResultAsync<ExperimentView, ExperimentError>

/**
 * Replaces the metrics an experiment lists, each resolved in the environment's catalogue: one
 * version, one audit entry. Refused once completed, and for the primary metric once started.
 */
export function setExperimentMetrics(
  context: ServiceContext,
  target: ExperimentTarget,
  input: unknown,
): Answer {
  return writeExperiment(context, {
    ...target,
    action: 'update',
    parse: ({ environment }) =>
      parseInput(SetMetricsInput, input).asyncAndThen(({ metrics }) =>
        resolveMetrics(context, environment.id, metrics),
      ),
    decide: ({ current, input: metrics, now }) => decideMetricsChange(current, metrics, now),
  })
}

/**
 * Changes an experiment's rollout, which must list exactly its feature's variants: one version,
 * one audit entry. Refused once completed, and for the split between variants once started.
 */
export function setExperimentRollout(
  context: ServiceContext,
  target: ExperimentTarget,
  input: unknown,
): Answer {
  return writeExperiment(context, {
    ...target,
    action: 'update',
    parse: () => parseInput(RolloutInput, input),
    check: (current, rollout) => checkVariants(context, current, rollout),
    decide: ({ current, input: rollout, now }) => decideRolloutChange(current, rollout, now),
  })
}

/**
 * Replaces an experiment's analysis setting (fields left out take their defaults): one version,
 * one audit entry `analysis_changed`. Refused once completed, and once started.
 */
export function setExperimentAnalysis(
  context: ServiceContext,
  target: ExperimentTarget,
  input: unknown,
): Answer {
  return writeExperiment(context, {
    ...target,
    action: 'update',
    parse: () => parseInput(ExperimentAnalysisInput, input),
    decide: ({ current, input: analysis, now }) => decideAnalysisChange(current, analysis, now),
  })
}

/** Whether the rollout lists exactly the variants the experiment's feature has now. */
function checkVariants(
  context: ServiceContext,
  current: StoredExperiment,
  rollout: Rollout,
): ResultAsync<void, ExperimentError> {
  const found = Promise.resolve(context.features.featureById(current.featureId))
  return new ResultAsync(
    found.then((feature) => {
      if (feature === null || feature === undefined) return err(errors.featureNotFound(current.featureId))
      const keys = featureVariants(Feature.parse(feature)).map((variant) => variant.key)
      const issues = checkRolloutVariants(rollout, keys, '')
      return issues.length === 0 ? ok(undefined) : err(errors.validationFailed(issues))
    }),
  )
}
