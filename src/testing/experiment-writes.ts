import { buildAuditEntry } from '../core/domain/audit-entry.js'
import {
  decideDelete,
  decideRestore,
  decideTransition,
  decideUpdate,
  type Decision,
} from '../core/domain/decisions.js'
import type { Actor, Environment, ExperimentState } from '../core/domain/experiment.js'
import { defaultRollout, type Rollout } from '../core/domain/rollout.js'
import { DEFAULT_EXPERIMENT_ANALYSIS, type ExperimentAnalysis } from '../core/domain/experiment-analysis.js'
import {
  decideAnalysisChange,
  decideMetricsChange,
  decideRolloutChange,
} from '../core/domain/design-decisions.js'
import type { AttachedMetric } from '../core/domain/experiment-metrics.js'
import type { TransitionAction } from '../core/domain/state-machine.js'
import type { ExperimentWrite } from '../ports/experiment-repository.js'

/** The actor of every write the contract suites make. */
export const TEST_ACTOR: Actor = { type: 'user', id: 'contract-suite' }

/** A fresh environment with a random id, so that tests never see each other's rows. */
export function freshEnvironment(): Environment {
  const id = crypto.randomUUID()
  return { id, key: `env-${id}`, name: 'Contract', projectId: 'p1' }
}

/**
 * A new experiment in `created`, at `at` (default 2026-01-01), with a random id unless given, no
 * metrics and an even `control`/`treatment` split.
 */
export function newExperiment(
  environment: Environment,
  overrides: Partial<ExperimentState> = {},
): ExperimentState {
  const at = overrides.createdAt ?? new Date('2026-01-01T00:00:00.000Z')
  return {
    id: crypto.randomUUID(),
    environmentId: environment.id,
    featureId: 'feature-1',
    name: 'Checkout test',
    hypothesis: 'A shorter checkout converts better.',
    status: 'created',
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    endedAt: null,
    version: 1,
    deletedAt: null,
    metrics: [],
    rollout: defaultRollout(['control', 'treatment']),
    analysis: DEFAULT_EXPERIMENT_ANALYSIS,
    scheduledStartAt: null,
    scheduledEndAt: null,
    environmentKey: environment.key,
    ...overrides,
  }
}

/** A write of the contract suites: the experiment as decided, its metrics with their catalogue details. */
export type ContractWrite<K extends ExperimentWrite['kind']> = Extract<ExperimentWrite, { kind: K }> & {
  readonly experiment: ExperimentState
}

/** The insert of `experiment` with its `created` audit entry. */
export function insertOf(environment: Environment, experiment: ExperimentState): ContractWrite<'insert'> {
  const audit = buildAuditEntry({
    subject: 'experiment',
    id: crypto.randomUUID(),
    action: 'created',
    actor: TEST_ACTOR,
    environment,
    before: null,
    after: experiment,
  })
  return { kind: 'insert', experiment, audit }
}

/** What a step makes of the current state, as the core decides it. */
export type Step =
  | { readonly kind: 'transition'; readonly action: TransitionAction }
  | { readonly kind: 'update'; readonly name?: string; readonly hypothesis?: string }
  | {
      readonly kind: 'schedule'
      readonly scheduledStartAt?: Date | null
      readonly scheduledEndAt?: Date | null
    }
  | { readonly kind: 'delete' }
  | { readonly kind: 'restore' }
  | { readonly kind: 'metrics'; readonly metrics: readonly AttachedMetric[] }
  | { readonly kind: 'rollout'; readonly rollout: Rollout }
  | { readonly kind: 'analysis'; readonly analysis: ExperimentAnalysis }

function decide(current: ExperimentState, step: Step, now: Date): Decision {
  switch (step.kind) {
    case 'transition':
      return decideTransition(current, step.action, TEST_ACTOR, now)
    case 'update':
      return decideUpdate(current, { name: step.name, hypothesis: step.hypothesis }, now)
    case 'schedule':
      return decideUpdate(current, step, now)
    case 'delete':
      return decideDelete(current, now)
    case 'restore':
      return decideRestore(current, now)
    case 'metrics':
      return decideMetricsChange(current, step.metrics, now)
    case 'rollout':
      return decideRolloutChange(current, step.rollout, now)
    case 'analysis':
      return decideAnalysisChange(current, step.analysis, now)
  }
}

/**
 * The compare-and-set update the core would write for `step` on `current`, `seconds` after
 * its last change. Throws if the core refuses the step: a contract test asked for a bad one.
 */
export function updateOf(
  environment: Environment,
  current: ExperimentState,
  step: Step,
  seconds = 1,
): ContractWrite<'update'> {
  const now = new Date(current.updatedAt.getTime() + seconds * 1000)
  const decision = decide(current, step, now)
  if (decision.isErr()) throw new Error(`contract suite: ${step.kind} refused: ${decision.error.code}`)
  const verdict = decision.value
  if (verdict.kind === 'unchanged') throw new Error(`contract suite: ${step.kind} changes nothing`)
  const { next, action, statusChange } = verdict
  const audit = buildAuditEntry({
    subject: 'experiment',
    id: crypto.randomUUID(),
    action,
    actor: TEST_ACTOR,
    environment,
    before: current,
    after: next,
  })
  return { kind: 'update', experiment: next, storedVersion: current.version, audit, statusChange }
}
