import type { Actor, AuditAction, ExperimentErrorCode, ExperimentStatus, FieldChange } from '../../../src/index.js'
import { ENVIRONMENTS, FEATURES, PROJECTS_ENABLED, may, wellFormed } from './universe.js'
import type { ListQueryChoice, Op, TransitionOp, VersionChoice, WriteOp } from './operations.js'

/**
 * A small, independent reference model of the service: plain data and the rules of SPEC §1
 * written out again, deliberately without importing the core's own rules.
 */
export interface ModelAudit {
  readonly action: AuditAction
  readonly actor: Actor
  readonly at: number
  /** The experiment's name after the change (the message quotes it). */
  readonly name: string
  readonly changes: Record<string, FieldChange>
}

export interface ModelExperiment {
  readonly id: string
  readonly environmentKey: string
  readonly featureId: string
  readonly name: string
  readonly hypothesis: string
  readonly status: ExperimentStatus
  readonly version: number
  readonly createdAt: number
  readonly updatedAt: number
  readonly startedAt: number | null
  readonly endedAt: number | null
  readonly deletedAt: number | null
  readonly history: readonly { from: ExperimentStatus; to: ExperimentStatus; at: number; actor: Actor }[]
  readonly audit: readonly ModelAudit[]
  /** Milliseconds spent running before `runningSince` (pauses excluded). */
  readonly runningMs: number
  readonly runningSince: number | null
}

export interface Model {
  now: number
  experiments: ModelExperiment[]
}

export interface ExpectedError {
  readonly code: ExperimentErrorCode
  readonly details?: Readonly<Record<string, unknown>>
}

/** What the model predicts for one operation. */
export type Prediction =
  | { readonly kind: 'error'; readonly error: ExpectedError }
  | { readonly kind: 'experiment'; readonly after: ModelExperiment; readonly changed: boolean }
  | { readonly kind: 'history'; readonly experiment: ModelExperiment }
  | { readonly kind: 'list'; readonly ids: readonly string[]; readonly counts: Record<ExperimentStatus, number> }
  | { readonly kind: 'clock' }

const STATUSES: readonly ExperimentStatus[] = ['created', 'running', 'paused', 'completed']
const TRANSITIONS: Record<ExperimentStatus, Partial<Record<TransitionOp['op'], ExperimentStatus>>> = {
  created: { start: 'running' },
  running: { pause: 'paused', complete: 'completed' },
  paused: { start: 'running', complete: 'completed' },
  completed: {},
}
const TARGET: Record<TransitionOp['op'], ExperimentStatus> = { start: 'running', pause: 'paused', complete: 'completed' }
/** A fixed UUID that no run ever generates (v4 ids have version nibble 4; this one has 0). */
export const UNKNOWN_UUID = '00000000-0000-0000-0000-000000000000'

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true
  }
  return false
}

/** The stored form of a text field, or null when the service must refuse it. */
export function acceptedText(raw: unknown, max: number): string | null {
  if (typeof raw !== 'string') return null
  const trimmed = raw.trim()
  if (trimmed.includes('\u0000') || hasLoneSurrogate(trimmed)) return null
  const length = Array.from(trimmed).length
  return length >= 1 && length <= max ? trimmed : null
}

/** The feature id a `feature` value names, or null when it is not a valid reference. */
export function acceptedFeature(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : null
  if (typeof raw !== 'string') return null
  const trimmed = raw.trim()
  return trimmed.length >= 1 && trimmed.length <= 255 && !trimmed.includes('\u0000') ? trimmed : null
}

function authorize(actor: Actor, environmentKey: string, action: Parameters<typeof may>[1]): ExpectedError | null {
  if (!wellFormed(actor)) return { code: 'forbidden', details: { action } }
  const environment = ENVIRONMENTS.find((e) => e.key === environmentKey)
  if (environment === undefined) return { code: 'environment_not_found' }
  if (!PROJECTS_ENABLED.has(environment.projectId)) return { code: 'experimentation_disabled' }
  if (!may(actor, action, environmentKey)) return { code: 'forbidden', details: { action } }
  return null
}

const isActive = (e: Pick<ModelExperiment, 'status' | 'deletedAt'>) => e.status !== 'completed' && e.deletedAt === null

/** The `runningSeconds` the service must report for an experiment at `now`. */
export function runningSecondsOf(e: ModelExperiment, now: number): number {
  const open = e.runningSince === null ? 0 : Math.max(0, (e.endedAt ?? now) - e.runningSince)
  return Math.floor((e.runningMs + open) / 1000)
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

function diff(before: ModelExperiment | null, after: ModelExperiment): Record<string, FieldChange> {
  const fields = {
    featureId: (e: ModelExperiment) => e.featureId,
    name: (e: ModelExperiment) => e.name,
    hypothesis: (e: ModelExperiment) => e.hypothesis,
    status: (e: ModelExperiment) => e.status,
    startedAt: (e: ModelExperiment) => iso(e.startedAt),
    endedAt: (e: ModelExperiment) => iso(e.endedAt),
    deletedAt: (e: ModelExperiment) => iso(e.deletedAt),
  }
  const changes: Record<string, FieldChange> = {}
  for (const [field, read] of Object.entries(fields)) {
    const from = before === null ? null : read(before)
    const to = read(after)
    if (from !== to) changes[field] = { from, to }
  }
  return changes
}

function changed(
  before: ModelExperiment,
  patch: Partial<ModelExperiment>,
  action: AuditAction,
  actor: Actor,
  now: number,
): ModelExperiment {
  const next = { ...before, ...patch, updatedAt: now, version: before.version + 1 }
  const audit: ModelAudit = { action, actor, at: now, name: next.name, changes: diff(before, next) }
  return { ...next, audit: [...before.audit, audit] }
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
export function resolveTarget(model: Model, op: { target: WriteOp['target']; environment: WriteOp['environment'] }) {
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
  if (featureId === null || name === null || hypothesis === null || op.input.extra !== undefined) {
    return { kind: 'error', error: { code: 'validation_failed' } }
  }
  const feature = FEATURES.find((f) => f.id === featureId)
  if (feature === undefined) return { kind: 'error', error: { code: 'feature_not_found', details: { featureId } } }
  const environment = ENVIRONMENTS.find((e) => e.key === op.environmentKey)
  if (feature.projectId !== environment?.projectId) {
    return { kind: 'error', error: { code: 'feature_not_in_project', details: { featureId } } }
  }
  if (feature.type !== 'multivariate') {
    return { kind: 'error', error: { code: 'feature_not_multivariate', details: { featureId } } }
  }
  const holder = model.experiments.find((e) => e.environmentKey === op.environmentKey && e.featureId === featureId && isActive(e))
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
  }
  const audit: ModelAudit = { action: 'created', actor: op.actor, at: model.now, name, changes: diff(null, created) }
  return { kind: 'experiment', after: { ...created, audit: [audit] }, changed: true }
}

function decideTransition(current: ModelExperiment, op: TransitionOp, now: number): Prediction {
  const to = TRANSITIONS[current.status][op.op]
  if (to === undefined) {
    const allowed = STATUSES.filter((s) => Object.values(TRANSITIONS[current.status]).includes(s))
    const error = { code: 'invalid_transition' as const, details: { from: current.status, to: TARGET[op.op], allowed } }
    return { kind: 'error', error }
  }
  const action: AuditAction =
    to === 'running' ? (current.status === 'paused' ? 'resumed' : 'started') : to === 'paused' ? 'paused' : 'completed'
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

function predictWrite(model: Model, op: WriteOp): Prediction {
  const { target, environmentKey } = resolveTarget(model, op)
  const denied = authorize(op.actor, environmentKey, op.op)
  if (denied) return { kind: 'error', error: denied }
  const expectedVersion = resolveVersion(op.version, target?.version ?? 1)
  if (op.version === 'zero' || op.version === 'fraction') return { kind: 'error', error: { code: 'validation_failed' } }
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
  const visible =
    target !== null && target.environmentKey === environmentKey && (op.op === 'restore' || target.deletedAt === null)
  if (!visible) return { kind: 'error', error: { code: 'experiment_not_found' } }
  if (expectedVersion !== undefined && expectedVersion !== target.version) {
    const details = { expectedVersion, currentVersion: target.version }
    return { kind: 'error', error: { code: 'version_mismatch', details } }
  }
  const now = model.now
  switch (op.op) {
    case 'update': {
      if (feature !== undefined && feature !== target.featureId) return { kind: 'error', error: { code: 'feature_immutable' } }
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
      return { kind: 'experiment', after: changed(target, { deletedAt: now }, 'deleted', op.actor, now), changed: true }
    case 'restore': {
      if (target.deletedAt === null) return { kind: 'experiment', after: target, changed: false }
      const holder = model.experiments.find(
        (e) => e.id !== target.id && e.environmentKey === target.environmentKey && e.featureId === target.featureId && isActive(e),
      )
      if (holder && target.status !== 'completed') {
        return { kind: 'error', error: { code: 'active_experiment_exists', details: { featureId: target.featureId } } }
      }
      return { kind: 'experiment', after: changed(target, { deletedAt: null }, 'restored', op.actor, now), changed: true }
    }
    default:
      return decideTransition(target, op, now)
  }
}

function predictList(model: Model, op: Extract<Op, { op: 'list' }>): Prediction {
  const denied = authorize(op.actor, op.environmentKey, 'view')
  if (denied) return { kind: 'error', error: denied }
  const query: ListQueryChoice = op.query
  if (query.invalid !== undefined) return { kind: 'error', error: { code: 'validation_failed' } }
  const feature = query.feature === undefined ? undefined : acceptedFeature(query.feature)
  if (feature === null) return { kind: 'error', error: { code: 'validation_failed' } }
  const needle = query.q === undefined || query.q === '' ? null : query.q.toLowerCase()
  const matching = model.experiments.filter(
    (e) =>
      e.environmentKey === op.environmentKey &&
      e.deletedAt === null &&
      (feature === undefined || e.featureId === feature) &&
      (needle === null || e.name.toLowerCase().includes(needle)),
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
      return op.op === 'get' ? { kind: 'experiment', after: target, changed: false } : { kind: 'history', experiment: target }
    }
    case 'race':
      return predict(model, op.inner)
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
  if (prediction.kind !== 'experiment' || !prediction.changed) return
  const after = realId === undefined ? prediction.after : { ...prediction.after, id: realId }
  const index = model.experiments.findIndex((e) => e.id === after.id)
  if (index === -1) model.experiments.push(after)
  else model.experiments[index] = after
}
