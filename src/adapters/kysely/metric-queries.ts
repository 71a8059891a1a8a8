import { sql, type RawBuilder } from 'kysely'
import type { Metric } from '../../core/domain/metric.js'
import type { MetricListQuery, MetricWrite } from '../../ports/metric-repository.js'
import { insertAudit } from './audit-queries.js'
import type { LibraryTables } from './library-tables.js'

const METRIC_COLUMNS = sql`m.id, m.environment_id, m.name, m.description, m.event, m.aggregation,
  m.direction, m.created_at, m.updated_at, m.deleted_at, m.version`

/**
 * One metric of an environment with the experiments (not deleted, whatever their status) that
 * list it, oldest first, in one statement.
 */
export function selectMetric(
  t: LibraryTables,
  environmentId: string,
  metricId: string,
  includeDeleted: boolean,
) {
  return sql<Record<string, unknown>>`
    select ${METRIC_COLUMNS}, coalesce((
      select json_agg(json_build_object('id', e.id, 'name', e.name, 'status', e.status)
        order by e.created_at, e.id)
      from ${t.experimentMetrics} l join ${t.experiments} e on e.id = l.experiment_id
      where l.metric_id = m.id and e.deleted_at is null
    ), '[]'::json) as used_by
    from ${t.metrics} m
    where m.id = ${metricId}::uuid and m.environment_id = ${environmentId}
    ${includeDeleted ? sql`` : sql`and m.deleted_at is null`}`
}

/** The metrics among `metricIds` that exist in the environment and are not deleted, in the order asked. */
export function selectMetrics(t: LibraryTables, environmentId: string, metricIds: readonly string[]) {
  return sql<Record<string, unknown>>`
    select ${METRIC_COLUMNS}
    from ${t.metrics} m
    where m.id = any(${[...metricIds]}::uuid[]) and m.environment_id = ${environmentId} and m.deleted_at is null
    order by array_position(${[...metricIds]}::uuid[], m.id)`
}

/** `text` as a `like` pattern matching itself only (its `%`, `_` and `\` escaped). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}

/**
 * A page of the environment's metrics, newest first (keyset: `created_at` desc, `id` desc): those
 * not deleted, or for the trash the deleted ones (each read from its own partial index).
 */
export function selectMetricPage(t: LibraryTables, query: MetricListQuery) {
  const conditions = [
    sql`m.environment_id = ${query.environmentId}`,
    query.deleted === true ? sql`m.deleted_at is not null` : sql`m.deleted_at is null`,
  ]
  if (query.nameContains !== null) {
    conditions.push(
      sql`lower(m.name) like '%' || lower(${likeLiteral(query.nameContains)}) || '%' escape '\\'`,
    )
  }
  if (query.after !== null) {
    conditions.push(
      sql`(m.created_at, m.id) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`,
    )
  }
  return sql<Record<string, unknown>>`
    select ${METRIC_COLUMNS}
    from ${t.metrics} m
    where ${sql.join(conditions, sql` and `)}
    order by m.created_at desc, m.id desc
    limit ${query.limit}`
}

function insertMetric(t: LibraryTables, m: Metric): RawBuilder<unknown> {
  return sql`insert into ${t.metrics} (id, environment_id, name, description, event, aggregation, direction,
      created_at, updated_at, deleted_at, version)
    values (${m.id}::uuid, ${m.environmentId}, ${m.name}, ${m.description}, ${m.event}, ${m.aggregation},
      ${m.direction}, ${m.createdAt}::timestamptz, ${m.updatedAt}::timestamptz, ${m.deletedAt}::timestamptz,
      ${m.version})
    returning id`
}

/** Compare-and-set: updates the mutable columns only if the row still has `storedVersion`. */
function updateMetric(t: LibraryTables, m: Metric, storedVersion: number): RawBuilder<unknown> {
  return sql`update ${t.metrics} set name = ${m.name}, description = ${m.description}, event = ${m.event},
      aggregation = ${m.aggregation}, direction = ${m.direction}, updated_at = ${m.updatedAt}::timestamptz,
      deleted_at = ${m.deletedAt}::timestamptz, version = ${m.version}
    where id = ${m.id}::uuid and environment_id = ${m.environmentId} and version = ${storedVersion}
    returning id`
}

/**
 * The whole metric write as ONE statement: the row (insert, or compare-and-set update) and, with
 * `withAudit`, its audit entry, chained through a data-modifying CTE. A taken name fails the
 * statement on the name index; a change an experiment forbids fails it in the metric trigger.
 * Selects `written`: 1 if the row was written, 0 if not (the version moved on).
 */
export function metricWriteQuery(t: LibraryTables, change: MetricWrite, withAudit: boolean) {
  const row =
    change.kind === 'insert'
      ? insertMetric(t, change.metric)
      : updateMetric(t, change.metric, change.storedVersion)
  return sql<{ written: number }>`
    with changed as (${row})${withAudit ? sql`, audited as (${insertAudit(t, change.audit, 'changed')})` : sql``}
    select count(*)::int as written from changed`
}
