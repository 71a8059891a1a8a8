import type { Actor, Environment, Experiment } from './experiment.js'

/** Every kind of change an audit entry records. */
export const AUDIT_ACTIONS = [
  'created',
  'updated',
  'deleted',
  'restored',
  'started',
  'resumed',
  'paused',
  'completed',
  'metrics_changed',
  'rollout_changed',
  'metric_created',
  'metric_updated',
  'metric_deleted',
  'metric_restored',
] as const

/** What an audit entry is about: an experiment or a metric of the catalogue. */
export const AUDIT_SUBJECT_TYPES = ['experiment', 'metric'] as const
/** What an audit entry is about. */
export type AuditSubjectType = (typeof AUDIT_SUBJECT_TYPES)[number]

/** The thing an audit entry describes a change of. */
export interface AuditSubject {
  readonly type: AuditSubjectType
  readonly id: string
}

/** What an audit entry records: the kind of change. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** A JSON-safe value as it appears in an audit diff (dates as ISO 8601 strings). */
export type AuditValue =
  string | number | boolean | null | readonly AuditValue[] | { readonly [key: string]: AuditValue }

/** One changed field: its value before and after. */
export interface FieldChange {
  readonly from: AuditValue
  readonly to: AuditValue
}

/** One persisted change to an experiment, written in the same unit of work as the change. */
export interface AuditEntry {
  readonly id: string
  readonly at: Date
  readonly action: AuditAction
  readonly actor: Actor
  /** The experiment or metric changed. */
  readonly subject: AuditSubject
  /** The experiment changed; `null` for a metric's entry. */
  readonly experimentId: string | null
  readonly environmentId: string
  readonly projectId: string
  /** Human-readable, e.g. `Experiment 'Checkout test' started for environment Development`. */
  readonly message: string
  /** Each changed field mapped to its old and new value; bookkeeping fields are left out. */
  readonly changes: Readonly<Record<string, FieldChange>>
}

const AUDITED_FIELDS = [
  'featureId',
  'name',
  'hypothesis',
  'status',
  'startedAt',
  'endedAt',
  'deletedAt',
] as const satisfies readonly (keyof Experiment)[]

function auditValue(value: Experiment[(typeof AUDITED_FIELDS)[number]] | undefined): AuditValue {
  if (value === undefined || value === null) return null
  return value instanceof Date ? value.toISOString() : value
}

/** The fields that differ between two states of an experiment (`before` null for a create). */
export function diffExperiments(before: Experiment | null, after: Experiment): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {}
  for (const field of AUDITED_FIELDS) {
    const from = auditValue(before?.[field])
    const to = auditValue(after[field])
    if (from !== to) changes[field] = { from, to }
  }
  return changes
}

/**
 * Builds the audit entry for a change; its message reads
 * `Experiment '<name>' <action> for environment <environment name>`.
 */
export function buildAuditEntry(args: {
  readonly id: string
  readonly action: AuditAction
  readonly actor: Actor
  readonly environment: Environment
  readonly before: Experiment | null
  readonly after: Experiment
}): AuditEntry {
  const { after, environment } = args
  return {
    id: args.id,
    at: after.updatedAt,
    action: args.action,
    actor: args.actor,
    experimentId: after.id,
    environmentId: environment.id,
    projectId: environment.projectId,
    message: `Experiment '${after.name}' ${args.action} for environment ${environment.name}`,
    changes: diffExperiments(args.before, after),
  }
}
