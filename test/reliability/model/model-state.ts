import type {
  Actor,
  AuditAction,
  ExperimentErrorCode,
  ExperimentStatus,
  FieldChange,
} from '../../../src/index.js'
import { ENVIRONMENTS, PROJECTS_ENABLED, may, wellFormed } from './universe.js'

/**
 * A small, independent reference model of the service: plain data and the rules of docs/rules.md
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
  /** The metrics listed, in order. */
  readonly metrics: readonly ModelAttachment[]
  readonly trafficPercentage: number
  readonly allocations: readonly { readonly variant: string; readonly weight: number }[]
  /** The split the experiment had when it first started (it must keep it), null before. */
  readonly startAllocations: readonly { readonly variant: string; readonly weight: number }[] | null
  readonly analysis: ModelAnalysis
}

/** An experiment's analysis setting. */
export interface ModelAnalysis {
  readonly method: 'sequential' | 'fixed'
  readonly sequentialTuning: number
  readonly preExposureDays: number
}

/** One metric an experiment lists. */
export interface ModelAttachment {
  readonly metricId: string
  readonly role: 'primary' | 'secondary' | 'guardrail'
  readonly expectedDirection: 'increase' | 'decrease' | 'not_increase' | 'not_decrease'
}

/** One metric of an environment's catalogue. */
export interface ModelMetric {
  readonly id: string
  readonly environmentKey: string
  readonly name: string
  readonly event: string
  readonly aggregation: 'occurrence' | 'count' | 'sum'
  readonly direction: 'up' | 'down' | 'informational'
  readonly version: number
  readonly deletedAt: number | null
  readonly updatedAt: number
  /** The actions of its audit entries, in order. */
  readonly audit: readonly string[]
}

export interface Model {
  now: number
  experiments: ModelExperiment[]
  metrics: ModelMetric[]
}

/** A fresh, empty model at the clock's start. */
export const emptyModel = (now: number): Model => ({ now, experiments: [], metrics: [] })

export interface ExpectedError {
  readonly code: ExperimentErrorCode
  readonly details?: Readonly<Record<string, unknown>>
}

/** What the model predicts for one operation. */
export type Prediction =
  | { readonly kind: 'error'; readonly error: ExpectedError }
  | { readonly kind: 'experiment'; readonly after: ModelExperiment; readonly changed: boolean }
  | { readonly kind: 'history'; readonly experiment: ModelExperiment }
  | {
      readonly kind: 'list'
      readonly ids: readonly string[]
      readonly counts: Record<ExperimentStatus, number>
    }
  | { readonly kind: 'metric'; readonly after: ModelMetric; readonly changed: boolean }
  | { readonly kind: 'clock' }

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

/**
 * The access check of docs/rules.md#access-control, in its order: actor shape, environment, feature
 * gate, permission.
 */
export function authorize(
  actor: Actor,
  environmentKey: string,
  action: Parameters<typeof may>[1],
): ExpectedError | null {
  if (!wellFormed(actor)) return { code: 'forbidden', details: { action } }
  const environment = ENVIRONMENTS.find((e) => e.key === environmentKey)
  if (environment === undefined) return { code: 'environment_not_found' }
  if (!PROJECTS_ENABLED.has(environment.projectId)) return { code: 'experimentation_disabled' }
  if (!may(actor, action, environmentKey)) return { code: 'forbidden', details: { action } }
  return null
}

/** Whether an experiment holds its slot: not completed, not deleted. */
export const isActive = (e: Pick<ModelExperiment, 'status' | 'deletedAt'>) =>
  e.status !== 'completed' && e.deletedAt === null

/** The `runningSeconds` the service must report for an experiment at `now`. */
export function runningSecondsOf(e: ModelExperiment, now: number): number {
  const open = e.runningSince === null ? 0 : Math.max(0, (e.endedAt ?? now) - e.runningSince)
  return Math.floor((e.runningMs + open) / 1000)
}

/** An instant as the ISO string the service stores and returns. */
export const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

/** The audited fields that differ between two states (`before` null for a create). */
export function diff(before: ModelExperiment | null, after: ModelExperiment): Record<string, FieldChange> {
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
  if (before === null)
    return { ...changes, ...CREATED_DESIGN, analysis: { from: null, to: { ...after.analysis } } }
  const attachments = (e: ModelExperiment) =>
    e.metrics.map((m) => ({ metricId: m.metricId, role: m.role, expectedDirection: m.expectedDirection }))
  if (JSON.stringify(attachments(before)) !== JSON.stringify(attachments(after)))
    changes.metrics = { from: attachments(before), to: attachments(after) }
  if (before.trafficPercentage !== after.trafficPercentage)
    changes.trafficPercentage = { from: before.trafficPercentage, to: after.trafficPercentage }
  if (JSON.stringify(before.allocations) !== JSON.stringify(after.allocations))
    changes.allocations = { from: [...before.allocations], to: [...after.allocations] }
  if (JSON.stringify(before.analysis) !== JSON.stringify(after.analysis))
    changes.analysis = { from: { ...before.analysis }, to: { ...after.analysis } }
  return changes
}

/**
 * The design every model experiment is created with, as its `created` entry records it: no
 * metrics, all traffic, an even split over the two variants a feature without its own gets (its
 * analysis setting is the one asked for, or the default).
 */
const CREATED_DESIGN: Record<string, FieldChange> = {
  metrics: { from: null, to: [] },
  trafficPercentage: { from: null, to: 100 },
  allocations: {
    from: null,
    to: [
      { variant: 'control', weight: 50 },
      { variant: 'treatment', weight: 50 },
    ],
  },
}

/** The next state of a persisted change, with its version bump and its audit entry. */
export function changed(
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
