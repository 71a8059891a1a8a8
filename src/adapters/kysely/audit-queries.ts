import { sql, type RawBuilder } from 'kysely'
import type { AuditEntry } from '../../core/domain/audit-entry.js'
import type { FeedPosition } from '../../core/domain/feed-cursor.js'
import type { AuditFeedOptions } from '../../ports/audit-feed.js'
import type { LibraryTables } from './library-tables.js'

/**
 * Inserts the audit entry about the row the CTE `source` returned (nothing when it returned
 * nothing): a CTE body. The entry's subject is that row; `experiment_id` is set for an
 * experiment's entry only.
 */
export function insertAudit(t: LibraryTables, audit: AuditEntry, source: string): RawBuilder<unknown> {
  const subject = sql.ref(`${source}.id`)
  const experimentId = audit.subject.type === 'experiment' ? subject : sql`null::uuid`
  return sql`insert into ${t.audit} (id, subject_type, subject_id, experiment_id, environment_id, project_id,
      action, actor_type, actor_id, message, changes, at)
    select ${audit.id}::uuid, ${audit.subject.type}::text, ${subject}, ${experimentId},
      ${audit.environmentId}::text, ${audit.projectId}::text, ${audit.action}::text,
      ${audit.actor.type}::text, ${audit.actor.id}::text, ${audit.message}::text,
      ${JSON.stringify(audit.changes)}::jsonb, ${audit.at}::timestamptz
    from ${sql.id(source)}`
}

/** Inserts one audit entry, for a host's transaction (what `KyselyAuditLog.append` runs). */
export function appendAuditQuery(t: LibraryTables, audit: AuditEntry) {
  return sql`with entry as (select ${audit.subject.id}::uuid as id) ${insertAudit(t, audit, 'entry')}`
}

/** The library's audit entries, oldest first, optionally about one experiment or metric only. */
export function auditEntriesQuery(t: LibraryTables, subjectId: string | undefined) {
  return sql<Record<string, unknown>>`
    select id, at, action, actor_type, actor_id, subject_type, subject_id, experiment_id, environment_id,
      project_id, message, changes
    from ${t.audit}
    ${subjectId === undefined ? sql`` : sql`where subject_id = ${subjectId}::uuid`}
    order by seq`
}

/**
 * The feed's page after `after`: entries ordered by (writing transaction, sequence), only of
 * transactions older than every transaction still open (the current snapshot's `xmin`), with
 * each row's position as text. One experiment's entries are first gathered through the
 * `(experiment_id, seq)` index and then sorted: left to itself, the planner may instead walk the
 * whole feed in order, filtering, hoping to fill the page early (it does when many entries share
 * a transaction, as every entry older than migration 0004 does).
 */
export function auditFeedQuery(
  t: LibraryTables,
  after: FeedPosition,
  limit: number,
  { environmentId, experimentId }: AuditFeedOptions,
) {
  const source =
    experimentId === undefined
      ? sql``
      : sql`with subject as materialized (select * from ${t.audit} where experiment_id = ${experimentId}::uuid) `
  return sql<Record<string, unknown>>`
    ${source}select id, at, action, actor_type, actor_id, subject_type, subject_id, experiment_id, environment_id,
      project_id, message, changes, txid::text as feed_txid, seq::text as feed_seq
    from ${experimentId === undefined ? t.audit : sql.id('subject')}
    where (txid, seq) > (${after.major}::xid8, ${after.minor}::bigint)
      and txid < pg_snapshot_xmin(pg_current_snapshot())
      ${environmentId === undefined ? sql`` : sql`and environment_id = ${environmentId}::text`}
    order by txid, seq
    limit ${limit}`
}
