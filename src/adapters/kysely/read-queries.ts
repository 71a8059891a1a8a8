import { sql, type RawBuilder } from 'kysely'
import type { DueQuery, ListQuery } from '../../ports/experiment-repository.js'
import type { LibraryTables } from './library-tables.js'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../core/domain/vocabulary.js'

/**
 * Each experiment column with its rollout, then its attached metrics (joined with the catalogue,
 * so a renamed metric shows its new name; deleted ones included, as completed experiments keep
 * them) in their order, then its history, oldest first, as JSON arrays, with times as epoch
 * milliseconds (a number is far cheaper to turn into a `Date` than an ISO string).
 */
function experimentColumns(t: LibraryTables, alias: string): RawBuilder<unknown> {
  const e = sql.id(alias)
  return sql`${e}.id, ${e}.environment_id, ${e}.feature_id, ${e}.name, ${e}.hypothesis, ${e}.status,
    ${e}.created_at, ${e}.updated_at, ${e}.started_at, ${e}.ended_at, ${e}.deleted_at, ${e}.version,
    ${e}.traffic_percentage, ${e}.allocations, ${e}.scheduled_start_at, ${e}.scheduled_end_at,
    ${e}.environment_key, ${e}.analysis_method, ${e}.sequential_tuning, ${e}.pre_exposure_days,
    coalesce((
      select json_agg(json_build_object(
        'metricId', l.metric_id, 'role', l.role, 'expectedDirection', l.expected_direction,
        'name', m.name, 'event', m.event, 'aggregation', m.aggregation
      ) order by l.position)
      from ${t.experimentMetrics} l join ${t.metrics} m on m.id = l.metric_id
      where l.experiment_id = ${e}.id
    ), '[]'::json) as metrics,
    coalesce((
      select json_agg(json_build_object(
        'from', h.from_status, 'to', h.to_status, 'at', round(extract(epoch from h.at) * 1000)::bigint,
        'actorType', h.actor_type, 'actorId', h.actor_id
      ) order by h.id)
      from ${t.history} h where h.experiment_id = ${e}.id
    ), '[]'::json) as history`
}

/**
 * One experiment of an environment with its metrics and history, in one statement; with `lock`, the row
 * stays locked (`FOR UPDATE`) until the surrounding transaction ends.
 */
export function selectExperiment(
  t: LibraryTables,
  environmentId: string,
  experimentId: string,
  includeDeleted: boolean,
  lock = false,
) {
  return sql<Record<string, unknown>>`
    select ${experimentColumns(t, 'e')}
    from ${t.experiments} e
    where e.id = ${experimentId}::uuid and e.environment_id = ${environmentId}
    ${includeDeleted ? sql`` : sql`and e.deleted_at is null`}
    ${lock ? sql`for update of e` : sql``}`
}

/**
 * What checking exposures needs of each of `ids` (UUIDs only: anything else would make the
 * cast raise) that is a live experiment of the environment: started or not and the rollout's
 * variant keys, in one statement whatever the number of ids.
 */
export function selectIngestionTargets(t: LibraryTables, environmentId: string, ids: readonly string[]) {
  return sql<Record<string, unknown>>`
    select e.id, e.started_at is not null as started, e.allocations
    from ${t.experiments} e
    where e.environment_id = ${environmentId} and e.id = any(${ids}::uuid[]) and e.deleted_at is null`
}

/**
 * The filters that narrow both the page and the counts: environment, not deleted (deleted only
 * for the trash, which reads its own partial index), feature, name.
 */
function narrowing(query: ListQuery): RawBuilder<unknown> {
  const deleted = query.deleted === true ? sql`e.deleted_at is not null` : sql`e.deleted_at is null`
  const conditions = [sql`e.environment_id = ${query.environmentId}`, deleted]
  if (query.featureId !== null) conditions.push(sql`e.feature_id = ${query.featureId}`)
  if (query.nameContains !== null)
    conditions.push(sql`strpos(lower(e.name), lower(${query.nameContains})) > 0`)
  return sql.join(conditions, sql` and `)
}

function countColumn(status: ExperimentStatus): RawBuilder<unknown> {
  return sql`count(*) filter (where e.status = ${sql.lit(status)})::int as ${sql.id(`count_${status}`)}`
}

/**
 * A page of experiments (keyset order: `created_at` desc, `id` desc) with their metrics, histories and
 * the environment's status counts, in one statement. The counts row is always there; the page
 * columns are null when the page is empty. The page reads the list index, the counts the
 * counts index, each on its own.
 */
export function selectListPage(t: LibraryTables, query: ListQuery) {
  const pageConditions = [narrowing(query)]
  if (query.statuses !== null) {
    pageConditions.push(
      query.statuses.length === 0 ? sql`false` : sql`e.status in (${sql.join(query.statuses)})`,
    )
  }
  if (query.after !== null) {
    pageConditions.push(
      sql`(e.created_at, e.id) < (${query.after.createdAt}::timestamptz, ${query.after.id}::uuid)`,
    )
  }
  return sql<Record<string, unknown>>`
    with counts as (
      select ${sql.join(EXPERIMENT_STATUSES.map(countColumn))}
      from ${t.experiments} e
      where ${narrowing(query)}
    ), page as (
      select e.* from ${t.experiments} e
      where ${sql.join(pageConditions, sql` and `)}
      order by e.created_at desc, e.id desc
      limit ${query.limit}
    )
    select counts.*, ${experimentColumns(t, 'page')}
    from counts left join page on true
    order by page.created_at desc, page.id desc`
}

/**
 * The experiments whose scheduled transition is due, with their metrics and histories, the
 * longest due first (due time, then id), in one statement. Each half reads its own partial
 * index of 0006 (starts waiting on `created` experiments, ends waiting on started ones) from
 * the cursor on and stops at `limit`; the two are merged in due order.
 */
export function selectDuePage(t: LibraryTables, query: DueQuery) {
  const { now, after, limit } = query
  const half = (column: 'scheduled_start_at' | 'scheduled_end_at', statuses: RawBuilder<unknown>) => {
    const at = sql.ref(`e.${column}`)
    const cursor =
      after === null ? sql`` : sql`and (${at}, e.id) > (${after.dueAt}::timestamptz, ${after.id}::uuid)`
    return sql`(select e.id, ${at} as due_at from ${t.experiments} e
      where e.status in (${statuses}) and e.deleted_at is null and ${at} is not null
        and ${at} <= ${now}::timestamptz ${cursor}
      order by ${at}, e.id
      limit ${limit})`
  }
  return sql<Record<string, unknown>>`
    with due as (
      ${half('scheduled_start_at', sql`'created'`)}
      union all
      ${half('scheduled_end_at', sql`'running', 'paused'`)}
      order by due_at, id
      limit ${limit}
    )
    select ${experimentColumns(t, 'e')}
    from due join ${t.experiments} e on e.id = due.id
    order by due.due_at, due.id`
}
