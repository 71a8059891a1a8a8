import { sql, type RawBuilder } from 'kysely'
import type { AuditEntry } from '../../core/domain/audit-entry.js'
import type { Experiment, StatusChange } from '../../core/domain/experiment.js'
import type { ExperimentWrite } from '../../ports/experiment-repository.js'
import type { LibraryTables } from './library-tables.js'

/**
 * Inserts the audit entry for the experiment the CTE `source` returned (nothing when it
 * returned nothing): a CTE body.
 */
function insertAudit(t: LibraryTables, audit: AuditEntry, source: string): RawBuilder<unknown> {
  return sql`insert into ${t.audit}
      (id, experiment_id, environment_id, project_id, action, actor_type, actor_id, message, changes, at)
    select ${audit.id}::uuid, ${sql.id(source)}.id, ${audit.environmentId}::text, ${audit.projectId}::text,
      ${audit.action}::text, ${audit.actor.type}::text, ${audit.actor.id}::text, ${audit.message}::text,
      ${JSON.stringify(audit.changes)}::jsonb, ${audit.at}::timestamptz
    from ${sql.id(source)}`
}

function insertHistory(t: LibraryTables, change: StatusChange): RawBuilder<unknown> {
  return sql`insert into ${t.history} (experiment_id, from_status, to_status, at, actor_type, actor_id)
    select changed.id, ${change.from}::text, ${change.to}::text, ${change.at}::timestamptz,
      ${change.actor.type}::text, ${change.actor.id}::text
    from changed`
}

/** Inserts the row unless another active experiment holds its slot (then it inserts nothing). */
function insertExperiment(t: LibraryTables, e: Experiment): RawBuilder<unknown> {
  return sql`insert into ${t.experiments} (id, environment_id, feature_id, name, hypothesis, status,
      created_at, updated_at, started_at, ended_at, deleted_at, version)
    values (${e.id}::uuid, ${e.environmentId}, ${e.featureId}, ${e.name}, ${e.hypothesis}, ${e.status},
      ${e.createdAt}::timestamptz, ${e.updatedAt}::timestamptz, ${e.startedAt}::timestamptz,
      ${e.endedAt}::timestamptz, ${e.deletedAt}::timestamptz, ${e.version})
    on conflict (environment_id, feature_id) where status <> 'completed' and deleted_at is null do nothing
    returning id`
}

/** Compare-and-set: updates the mutable columns only if the row still has `storedVersion`. */
function updateExperiment(t: LibraryTables, e: Experiment, storedVersion: number): RawBuilder<unknown> {
  return sql`update ${t.experiments} set name = ${e.name}, hypothesis = ${e.hypothesis}, status = ${e.status},
      updated_at = ${e.updatedAt}::timestamptz, started_at = ${e.startedAt}::timestamptz,
      ended_at = ${e.endedAt}::timestamptz, deleted_at = ${e.deletedAt}::timestamptz, version = ${e.version}
    where id = ${e.id}::uuid and environment_id = ${e.environmentId} and version = ${storedVersion}
    returning id`
}

/**
 * The whole write as ONE statement: the row (insert, or compare-and-set update), its history
 * row and, with `withAudit`, its audit entry, chained through data-modifying CTEs so that each
 * effect happens only if the row was written. One statement is atomic on its own.
 * Selects `written`: 1 if the row was written, 0 if not (slot taken or version moved on).
 */
export function writeQuery(t: LibraryTables, change: ExperimentWrite, withAudit: boolean) {
  const row =
    change.kind === 'insert'
      ? insertExperiment(t, change.experiment)
      : updateExperiment(t, change.experiment, change.storedVersion)
  const effects: RawBuilder<unknown>[] = []
  if (change.kind === 'update' && change.statusChange !== null)
    effects.push(sql`history as (${insertHistory(t, change.statusChange)})`)
  if (withAudit) effects.push(sql`audited as (${insertAudit(t, change.audit, 'changed')})`)
  return sql<{ written: number }>`
    with changed as (${row})${effects.length === 0 ? sql`` : sql`, ${sql.join(effects)}`}
    select count(*)::int as written from changed`
}

/** Inserts one audit entry, for a host's transaction (what {@link KyselyAuditLog.append} runs). */
export function appendAuditQuery(t: LibraryTables, audit: AuditEntry) {
  return sql`with entry as (select ${audit.experimentId}::uuid as id) ${insertAudit(t, audit, 'entry')}`
}

/** The library's audit entries, oldest first, optionally of one experiment only. */
export function auditEntriesQuery(t: LibraryTables, experimentId: string | undefined) {
  return sql<Record<string, unknown>>`
    select id, at, action, actor_type, actor_id, experiment_id, environment_id, project_id, message, changes
    from ${t.audit}
    ${experimentId === undefined ? sql`` : sql`where experiment_id = ${experimentId}::uuid`}
    order by seq`
}
