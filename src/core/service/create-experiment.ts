import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { buildAuditEntry } from '../domain/audit-entry.js'
import { decideFeature } from '../domain/decisions.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import { DEFAULT_EXPERIMENT_ANALYSIS, type ExperimentAnalysis } from '../domain/experiment-analysis.js'
import type { AttachedMetric } from '../domain/experiment-metrics.js'
import {
  Feature,
  featureVariants,
  type Environment,
  type ExperimentState,
  type ExperimentView,
} from '../domain/experiment.js'
import { checkRolloutVariants, defaultRollout, type Rollout } from '../domain/rollout.js'
import { decideSchedule, type Schedule } from '../domain/schedule.js'
import { CreateExperimentInput, parseInput } from '../domain/schemas.js'
import { checkAccess } from './access-check.js'
import { resolveMetrics } from './metric-lookup.js'
import { toView, type Caller, type ServiceContext } from './service-context.js'
import { refusalOf } from './write-refusal.js'

/** What a new experiment is made of, once checked against its feature and the catalogue. */
interface Design {
  readonly name: string
  readonly hypothesis: string
  readonly metrics: readonly AttachedMetric[]
  readonly rollout: Rollout
  readonly analysis: ExperimentAnalysis
  readonly schedule: Schedule
}

const UNSCHEDULED: Schedule = { scheduledStartAt: null, scheduledEndAt: null }

/**
 * Creates an experiment on a multivariate feature of the environment's project, in `created`:
 * with the metrics it names (each from the environment's catalogue), its rollout, by
 * default all traffic split equally over the feature's variants, its analysis setting (the
 * default one unless given) and its schedule, if any.
 */
export function createExperiment(
  context: ServiceContext,
  caller: Caller,
  input: CreateExperimentInput,
): ResultAsync<ExperimentView, ExperimentError> {
  return safeTry(async function* () {
    const access = yield* checkAccess(context, caller, 'create')
    const parsed = yield* parseInput(CreateExperimentInput, input)
    const schedule = yield* decideSchedule({ status: 'created', ...UNSCHEDULED }, parsed)
    const found = await context.features.featureById(parsed.feature)
    const feature = yield* decideFeature(
      parsed.feature,
      found === null || found === undefined ? null : Feature.parse(found),
      access.environment,
    )
    const rollout = yield* rolloutFor(feature, parsed.rollout)
    const metrics = yield* resolveMetrics(context, access.environment.id, parsed.metrics ?? [])
    const now = context.clock.now()
    const analysis = parsed.analysis ?? DEFAULT_EXPERIMENT_ANALYSIS
    const design = { name: parsed.name, hypothesis: parsed.hypothesis, metrics, rollout, analysis, schedule }
    const experiment = newExperiment(context.generateId(), access.environment, feature, design, now)
    const audit = buildAuditEntry({
      subject: 'experiment',
      id: context.generateId(),
      action: 'created',
      actor: access.actor,
      environment: access.environment,
      before: null,
      after: experiment,
    })
    const write = { kind: 'insert', experiment, audit } as const
    const outcome = await context.repository.write(write)
    if (outcome !== 'written') return err(await refusalOf(context, access.environment.id, write, outcome))
    return ok(toView({ ...experiment, history: [] }, now))
  })
}

/** The rollout asked for, if it lists exactly the feature's variants; the default split otherwise. */
function rolloutFor(feature: Feature, asked: Rollout | undefined): Result<Rollout, ExperimentError> {
  const variantKeys = featureVariants(feature).map((variant) => variant.key)
  if (asked === undefined) return ok(defaultRollout(variantKeys))
  const issues = checkRolloutVariants(asked, variantKeys)
  return issues.length === 0 ? ok(asked) : err(errors.validationFailed(issues))
}

/** A new experiment in `created`, at version 1. */
function newExperiment(
  id: string,
  environment: Environment,
  feature: Feature,
  design: Design,
  now: Date,
): ExperimentState {
  const { schedule, ...fields } = design
  return {
    id,
    environmentId: environment.id,
    environmentKey: environment.key,
    featureId: feature.id,
    ...fields,
    ...schedule,
    status: 'created',
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    endedAt: null,
    version: 1,
    deletedAt: null,
  }
}
