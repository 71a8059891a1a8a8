import { z } from 'zod'
import type { AuditEntry } from '../../core/audit-entry.js'
import { EXPERIMENT_STATUSES, type StoredExperiment } from '../../core/experiment.js'

const Status = z.enum(EXPERIMENT_STATUSES)
const ActorType = z.enum(['user', 'api_key', 'system'])
/** Drivers return `Date`s, JSON aggregates ISO strings, and some hosts turn off date parsing. */
const Timestamp = z.coerce.date()
const Integer = z.coerce.number().int()
/** A JSON value some drivers hand over still encoded. */
const decodeJson = (value: unknown): unknown => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value)

const HistoryItem = z
  .object({ from: Status, to: Status, at: Timestamp, actorType: ActorType, actorId: z.string() })
  .transform(({ from, to, at, actorType, actorId }) => ({ from, to, at, actor: { type: actorType, id: actorId } }))

/** A `flag_experiments` row with its history aggregated as JSON, as the read queries select it. */
const ExperimentRow = z
  .object({
    id: z.string(),
    environment_id: z.string(),
    feature_id: z.string(),
    name: z.string(),
    hypothesis: z.string(),
    status: Status,
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Timestamp.nullable(),
    ended_at: Timestamp.nullable(),
    deleted_at: Timestamp.nullable(),
    version: Integer,
    history: z.preprocess(decodeJson, z.array(HistoryItem)),
  })
  .transform(
    (row): StoredExperiment => ({
      id: row.id,
      environmentId: row.environment_id,
      featureId: row.feature_id,
      name: row.name,
      hypothesis: row.hypothesis,
      status: row.status,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      version: row.version,
      deletedAt: row.deleted_at,
      history: row.history,
    }),
  )

/** Parses a row of the read queries into a {@link StoredExperiment}; throws on a row that is not one. */
export function parseExperimentRow(row: unknown): StoredExperiment {
  return ExperimentRow.parse(row)
}

const FieldChange = z.object({ from: z.union([z.string(), z.number(), z.null()]), to: z.union([z.string(), z.number(), z.null()]) })

const AuditRow = z
  .object({
    id: z.string(),
    at: Timestamp,
    action: z.enum(['created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed']),
    actor_type: ActorType,
    actor_id: z.string(),
    experiment_id: z.string(),
    environment_id: z.string(),
    project_id: z.string(),
    message: z.string(),
    changes: z.preprocess(decodeJson, z.record(z.string(), FieldChange)),
  })
  .transform(
    (row): AuditEntry => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actor: { type: row.actor_type, id: row.actor_id },
      experimentId: row.experiment_id,
      environmentId: row.environment_id,
      projectId: row.project_id,
      message: row.message,
      changes: row.changes,
    }),
  )

/** Parses a `flag_experiments_audit` row into an {@link AuditEntry}; throws on a row that is not one. */
export function parseAuditRow(row: unknown): AuditEntry {
  return AuditRow.parse(row)
}
