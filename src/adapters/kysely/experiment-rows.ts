import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type FieldChange,
} from '../../core/domain/audit-entry.js'
import {
  ACTOR_TYPES,
  EXPERIMENT_STATUSES,
  type Actor,
  type ExperimentStatus,
  type StatusChange,
  type StoredExperiment,
} from '../../core/domain/experiment.js'

/*
 * Rows come from the library's own SQL, so parsing checks each value cheaply, in place, with
 * plain code (no schema library, no copies): reads are the hot path and a list page parses
 * fifty rows with their histories. A value that is not what the SQL selects is refused with a
 * `TypeError` naming the column, which the service reports as `unavailable`.
 */

type Row = Readonly<Record<string, unknown>>

const STATUSES = new Set<unknown>(EXPERIMENT_STATUSES)
const ACTORS = new Set<unknown>(ACTOR_TYPES)
const ACTIONS = new Set<unknown>(AUDIT_ACTIONS)

/** A short, safe description of an unexpected value (it may be anything a driver returns). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  if (value === null || typeof value !== 'object') return String(value)
  return value instanceof Date ? 'an invalid Date' : Array.isArray(value) ? 'an array' : 'an object'
}

function invalid(column: string, value: unknown): never {
  throw new TypeError(`flag-experiments: unexpected ${column} in a database row: ${describe(value)}`)
}

function textColumn(row: Row, column: string): string {
  const value = row[column]
  return typeof value === 'string' ? value : invalid(column, value)
}

/**
 * Drivers return `Date`s, the history JSON carries epoch milliseconds, and some hosts turn off
 * date parsing (ISO strings).
 */
function timestamp(row: Row, column: string): Date {
  const value = row[column]
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? invalid(column, value) : value
  const parsed = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  return parsed !== undefined && !Number.isNaN(parsed.getTime()) ? parsed : invalid(column, value)
}

function optionalTimestamp(row: Row, column: string): Date | null {
  return row[column] === null ? null : timestamp(row, column)
}

function oneOf<T>(allowed: ReadonlySet<unknown>, row: Row, column: string): T {
  const value = row[column]
  return allowed.has(value) ? (value as T) : invalid(column, value)
}

/** A JSON value some drivers hand over still encoded. */
function json(row: Row, column: string): unknown {
  const value = row[column]
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return invalid(column, value)
  }
}

/** The version: an integer from the driver, or its decimal text when type parsing is off. */
function version(row: Row): number {
  const value = row.version
  const parsed =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : NaN
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : invalid('version', value)
}

function actor(row: Row, typeColumn: string, idColumn: string): Actor {
  return { type: oneOf<Actor['type']>(ACTORS, row, typeColumn), id: textColumn(row, idColumn) }
}

function historyItem(item: unknown): StatusChange {
  if (typeof item !== 'object' || item === null) return invalid('history item', item)
  const row = item as Row
  return {
    from: oneOf<ExperimentStatus>(STATUSES, row, 'from'),
    to: oneOf<ExperimentStatus>(STATUSES, row, 'to'),
    at: timestamp(row, 'at'),
    actor: actor(row, 'actorType', 'actorId'),
  }
}

/**
 * Parses a row of the read queries (a `flag_experiments` row with its history aggregated as
 * JSON) into a {@link StoredExperiment}; throws on a row that is not one.
 */
export function parseExperimentRow(row: Row): StoredExperiment {
  const history = json(row, 'history')
  return {
    id: textColumn(row, 'id'),
    environmentId: textColumn(row, 'environment_id'),
    featureId: textColumn(row, 'feature_id'),
    name: textColumn(row, 'name'),
    hypothesis: textColumn(row, 'hypothesis'),
    status: oneOf<ExperimentStatus>(STATUSES, row, 'status'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
    startedAt: optionalTimestamp(row, 'started_at'),
    endedAt: optionalTimestamp(row, 'ended_at'),
    version: version(row),
    deletedAt: optionalTimestamp(row, 'deleted_at'),
    history: Array.isArray(history) ? history.map(historyItem) : invalid('history', history),
  }
}

function fieldChanges(value: unknown): Record<string, FieldChange> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid('changes', value)
  const isAuditValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number'
  for (const change of Object.values(value)) {
    const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown }
    if (!isAuditValue(from) || !isAuditValue(to)) invalid('changes', value)
  }
  return value as Record<string, FieldChange>
}

/** Parses a `flag_experiments_audit` row into an {@link AuditEntry}; throws on a row that is not one. */
export function parseAuditRow(row: Row): AuditEntry {
  return {
    id: textColumn(row, 'id'),
    at: timestamp(row, 'at'),
    action: oneOf<AuditAction>(ACTIONS, row, 'action'),
    actor: actor(row, 'actor_type', 'actor_id'),
    experimentId: textColumn(row, 'experiment_id'),
    environmentId: textColumn(row, 'environment_id'),
    projectId: textColumn(row, 'project_id'),
    message: textColumn(row, 'message'),
    changes: fieldChanges(json(row, 'changes')),
  }
}
