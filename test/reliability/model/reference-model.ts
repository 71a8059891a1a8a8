import type { AuditAction, ExperimentStatus } from '../../../src/index.js'
import { acceptedAnalysis, DEFAULT_ANALYSIS } from './analysis-model.js'
import { ENVIRONMENTS, FEATURES } from './universe.js'
import {
  decideDesign,
  invalidDesign,
  knownVariants,
  metricsUsable,
  predictMetric,
  type DesignOp,
} from './design-model.js'
import type { ListQueryChoice, Op, TransitionOp, VersionChoice, WriteOp } from './operations.js'
import {
  acceptedFeature,
  acceptedText,
  authorize,
  changed,
  diff,
  isActive,
  UNKNOWN_UUID,
  type Model,
  type ModelAudit,
  type ModelExperiment,
  type Prediction,
} from './model-state.js'

export {
  runningSecondsOf,
  UNKNOWN_UUID,
  emptyModel,
  type Model,
  type ModelExperiment,
  type Prediction,
} from './model-state.js'

// The reference model's rules: what the service must answer to each operation in a given
// state, written out again from docs/rules.md without importing the core's own rules.
const STATUSES: readonly ExperimentStatus[] = ['created', 'running', 'paused', 'completed']
const TRANSITIONS: Record<ExperimentStatus, Partial<Record<TransitionOp['op'], ExperimentStatus>>> = {
  created: { start: 'running' },
  running: { pause: 'paused', complete: 'completed' },
  paused: { start: 'running', complete: 'completed' },
  completed: {},
}
const TARGET: Record<TransitionOp['op'], ExperimentStatus> = {
  start: 'running',
  pause: 'paused',
  complete: 'completed',
}

/** The expected version a write sends, given the experiment's current one. */
export function resolveVersion(choice: VersionChoice, current: number): unknown {
  if (typeof choice === 'number') return choice
  switch (choice) {
    case 'none':
      return undefined
    case 'current':
      return current
    case 'stale':
      return current > 1 ? current - 1 : current + 1
    case 'ahead':
      return current + 3
    case 'zero':
      return 0
    case 'fraction':
      return 1.5
  }
}

/** The experiment an operation targets in the model, if it names one. */
export function targetOf(model: Model, op: WriteOp | { target: WriteOp['target'] }): ModelExperiment | null {
  const { target } = op
  if (target.kind === 'unknown' || target.kind === 'garbage') return null
  if (target.kind === 'id') return model.experiments.find((e) => e.id === target.id) ?? null
  const live = model.experiments.filter((e) => e.deletedAt === null)
  const pool = target.kind === 'live' && live.length > 0 ? live : model.experiments
  return pool[target.pick % Math.max(1, pool.length)] ?? null
}

function environmentOf(op: { environment: WriteOp['environment'] }, target: ModelExperiment | null): string {
  return op.environment.kind === 'own' ? (target?.environmentKey ?? 'dev') : op.environment.key
}

/** The environment key and experiment id an operation resolves to against the model. */
export function resolveTarget(
  model: Model,
  op: { target: WriteOp['target']; environment: WriteOp['environment'] },
) {
  const target = targetOf(model, op)
  const environmentKey = environmentOf(op, target)
  const id =
    target === null
      ? op.target.kind === 'garbage'
        ? op.target.value
        : UNKNOWN_UUID
      : op.target.kind === 'uppercase'
        ? target.id.toUpperCase()
        : target.id
  return { target, environmentKey, id }
}

function predictCreate(model: Model, op: Extract<Op, { op: 'create' }>): Prediction {
  const denied = authorize(op.actor, op.environmentKey, 'create')
  if (denied) return { kind: 'error', error: denied }
  const featureId = acceptedFeature(op.input.feature)
  const name = acceptedText(op.input.name, 255)
  const hypothesis = acceptedText(op.input.hypothesis, 10_000)
  const analysis = op.input.analysis === undefined ? DEFAULT_ANALYSIS : acceptedAnalysis(op.input.analysis)
  if (
    featureId === null ||
    name === null ||
    hypothesis === null ||
    analysis === null ||
    op.input.extra !== undefined
  ) {
    return { kind: 'error', error: { code: 'validation_failed' } }
  }
  const feature = FEATURES.find((f) => f.id === featureId)
  if (feature === undefined)
    return { kind: 'error', error: { code: 'feature_not_found', details: { featureId } } }
  const environment = ENVIRONMENTS.find((e) => e.key === op.environmentKey)
  if (feature.projectId !== environment?.projectId) {
    return { kind: 'error', error: { code: 'feature_not_in_project', details: { featureId } } }
  }
  if (feature.type !== 'multivariate') {
    return { kind: 'error', error: { code: 'feature_not_multivariate', details: { featureId } } }
  }
  const holder = model.experiments.find(
    (e) => e.environmentKey === op.environmentKey && e.featureId === featureId && isActive(e),
  )
  if (holder) return { kind: 'error', error: { code: 'active_experiment_exists', details: { featureId } } }
  const created: ModelExperiment = {
    id: '',
    environmentKey: op.environmentKey,
    featureId,
    name,
    hypothesis,
    status: 'created',
    version: 1,
    createdAt: model.now,
    updatedAt: model.now,
    startedAt: null,
    endedAt: null,
    deletedAt: null,
    history: [],
    audit: [],
    runningMs: 0,
    runningSince: null,
    metrics: [],
    trafficPercentage: 100,
    allocations: [
      { variant: 'control', weight: 50 },
      { variant: 'treatment', weight: 50 },
    ],
    startAllocations: null,
    analysis,
  }
  const audit: ModelAudit = {
    action: 'created',
    actor: op.actor,
    at: model.now,
    name,
    changes: diff(null, created),
  }
  return { kind: 'experiment', after: { ...created, audit: [audit] }, changed: true }
}

function decideTransition(current: ModelExperiment, op: TransitionOp, now: number): Prediction {
  const to = TRANSITIONS[current.status][op.op]
  if (to === undefined) {
    const allowed = STATUSES.filter((s) => Object.values(TRANSITIONS[current.status]).includes(s))
    const error = {
      code: 'invalid_transition' as const,
      details: { from: current.status, to: TARGET[op.op], allowed },
    }
    return { kind: 'error', error }
  }
  const action: AuditAction =
    to === 'running'
      ? current.status === 'paused'
        ? 'resumed'
        : 'started'
      : to === 'paused'
        ? 'paused'
        : 'completed'
  const leavingRun = current.runningSince !== null && to !== 'running'
  const next = changed(
    current,
    {
      status: to,
      startedAt: to === 'running' ? (current.startedAt ?? now) : current.startedAt,
      endedAt: to === 'completed' ? now : current.endedAt,
      runningMs: leavingRun ? current.runningMs + (now - (current.runningSince ?? now)) : current.runningMs,
      runningSince: to === 'running' ? now : null,
      history: [...current.history, { from: current.status, to, at: now, actor: op.actor }],
    },
    action,
    op.actor,
    now,
  )
  return { kind: 'experiment', after: next, changed: true }
}

function predictWrite(model: Model, op: WriteOp | DesignOp): Prediction {
  const { target, environmentKey } = resolveTarget(model, op)
  const design = op.op === 'setMetrics' || op.op === 'setRollout' || op.op === 'setAnalysis'
  const denied = authorize(op.actor, environmentKey, design ? 'update' : op.op)
  if (denied) return { kind: 'error', error: denied }
  const expectedVersion = resolveVersion(op.version, target?.version ?? 1)
  if (op.version === 'zero' || op.version === 'fraction')
    return { kind: 'error', error: { code: 'validation_failed' } }
  let name: string | null | undefined
  let hypothesis: string | null | undefined
  let feature: string | null | undefined
  if (op.op === 'update') {
    const input = op.input
    name = input.name === undefined ? undefined : acceptedText(input.name, 255)
    hypothesis = input.hypothesis === undefined ? undefined : acceptedText(input.hypothesis, 10_000)
    feature = input.feature === undefined ? undefined : acceptedFeature(input.feature)
    if (name === null || hypothesis === null || feature === null || input.extra !== undefined) {
      return { kind: 'error', error: { code: 'validation_failed' } }
    }
  }
  if (design) {
    if (invalidDesign(model, op, environmentKey))
      return { kind: 'error', error: { code: 'validation_failed' } }
    if (op.op === 'setMetrics' && !metricsUsable(model, op, environmentKey))
      return { kind: 'error', error: { code: 'metric_not_found' } }
  }
  const visible =
    target !== null &&
    target.environmentKey === environmentKey &&
    (op.op === 'restore' || target.deletedAt === null)
  if (!visible) return { kind: 'error', error: { code: 'experiment_not_found' } }
  if (op.op === 'setRollout' && !knownVariants(op, target))
    return { kind: 'error', error: { code: 'validation_failed' } }
  // A deleted experiment that is not completed comes back only with every metric it lists live;
  // the service checks this against the catalogue before it compares versions.
  if (op.op === 'restore' && target.deletedAt !== null && target.status !== 'completed') {
    const deleted = target.metrics.find((attachment) =>
      model.metrics.some((m) => m.id === attachment.metricId && m.deletedAt !== null),
    )
    if (deleted) {
      return { kind: 'error', error: { code: 'metric_not_found', details: { metricId: deleted.metricId } } }
    }
  }
  if (expectedVersion !== undefined && expectedVersion !== target.version) {
    const details = { expectedVersion, currentVersion: target.version }
    return { kind: 'error', error: { code: 'version_mismatch', details } }
  }
  const now = model.now
  switch (op.op) {
    case 'setMetrics':
    case 'setRollout':
    case 'setAnalysis':
      return decideDesign(model, target, op, environmentKey)
    case 'update': {
      if (feature !== undefined && feature !== target.featureId)
        return { kind: 'error', error: { code: 'feature_immutable' } }
      const nextName = name ?? target.name
      const nextHypothesis = hypothesis ?? target.hypothesis
      if (nextName === target.name && nextHypothesis === target.hypothesis) {
        return { kind: 'experiment', after: target, changed: false }
      }
      const next = changed(target, { name: nextName, hypothesis: nextHypothesis }, 'updated', op.actor, now)
      return { kind: 'experiment', after: next, changed: true }
    }
    case 'delete':
      if (target.status === 'running') return { kind: 'error', error: { code: 'experiment_running' } }
      return {
        kind: 'experiment',
        after: changed(target, { deletedAt: now }, 'deleted', op.actor, now),
        changed: true,
      }
    case 'restore': {
      if (target.deletedAt === null) return { kind: 'experiment', after: target, changed: false }
      const holder = model.experiments.find(
        (e) =>
          e.id !== target.id &&
          e.environmentKey === target.environmentKey &&
          e.featureId === target.featureId &&
          isActive(e),
      )
      if (holder && target.status !== 'completed') {
        return {
          kind: 'error',
          error: { code: 'active_experiment_exists', details: { featureId: target.featureId } },
        }
      }
      return {
        kind: 'experiment',
        after: changed(target, { deletedAt: null }, 'restored', op.actor, now),
        changed: true,
      }
    }
    default:
      return decideTransition(target, op, now)
  }
}

/**
 * Case folding for "name contains, ignoring case": each code point on its own, as a database's
 * `lower()`/`ILIKE` does, so that a name which literally contains the query always matches it
 * (`String#toLowerCase` on a whole string applies the Greek final-sigma rule: 'ΣΊΣ' → 'σίς').
 */
export function foldCase(value: string): string {
  return Array.from(value, (c) => c.toLowerCase()).join('')
}

function predictList(model: Model, op: Extract<Op, { op: 'list' }>): Prediction {
  const denied = authorize(op.actor, op.environmentKey, 'view')
  if (denied) return { kind: 'error', error: denied }
  const query: ListQueryChoice = op.query
  if (query.invalid !== undefined) return { kind: 'error', error: { code: 'validation_failed' } }
  const feature = query.feature === undefined ? undefined : acceptedFeature(query.feature)
  if (feature === null) return { kind: 'error', error: { code: 'validation_failed' } }
  const needle = query.q === undefined || query.q === '' ? null : foldCase(query.q)
  const matching = model.experiments.filter(
    (e) =>
      e.environmentKey === op.environmentKey &&
      e.deletedAt === null &&
      (feature === undefined || e.featureId === feature) &&
      (needle === null || foldCase(e.name).includes(needle)),
  )
  const counts = { created: 0, running: 0, paused: 0, completed: 0 }
  for (const e of matching) counts[e.status]++
  const statuses = query.status === undefined || query.status.length === 0 ? null : query.status
  const ids = matching
    .filter((e) => statuses === null || statuses.includes(e.status))
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((e) => e.id)
  return { kind: 'list', ids, counts }
}

/** What the service must answer to `op` in the state `model`. */
export function predict(model: Model, op: Op): Prediction {
  switch (op.op) {
    case 'advance':
      return { kind: 'clock' }
    case 'create':
      return predictCreate(model, op)
    case 'list':
      return predictList(model, op)
    case 'get':
    case 'history': {
      const { target, environmentKey } = resolveTarget(model, op)
      const denied = authorize(op.actor, environmentKey, 'view')
      if (denied) return { kind: 'error', error: denied }
      if (target === null || target.environmentKey !== environmentKey || target.deletedAt !== null) {
        return { kind: 'error', error: { code: 'experiment_not_found' } }
      }
      return op.op === 'get'
        ? { kind: 'experiment', after: target, changed: false }
        : { kind: 'history', experiment: target }
    }
    case 'race':
      return predict(model, op.inner)
    case 'createMetric':
    case 'updateMetric':
    case 'deleteMetric':
    case 'restoreMetric':
      return predictMetric(model, op)
    default:
      return predictWrite(model, op)
  }
}

/** Applies a prediction to the model: the changed experiment replaces (or joins) the others. */
export function commit(model: Model, prediction: Prediction, op: Op, realId?: string): void {
  if (op.op === 'advance') {
    model.now += op.ms
    return
  }
  if (prediction.kind === 'metric') {
    if (!prediction.changed) return
    const metric = realId === undefined ? prediction.after : { ...prediction.after, id: realId }
    const at = model.metrics.findIndex((m) => m.id === metric.id)
    if (at === -1) model.metrics.push(metric)
    else model.metrics[at] = metric
    return
  }
  if (prediction.kind !== 'experiment' || !prediction.changed) return
  const made = realId === undefined ? prediction.after : { ...prediction.after, id: realId }
  const after =
    made.startedAt !== null && made.startAllocations === null
      ? { ...made, startAllocations: made.allocations }
      : made
  const index = model.experiments.findIndex((e) => e.id === after.id)
  if (index === -1) model.experiments.push(after)
  else model.experiments[index] = after
}
