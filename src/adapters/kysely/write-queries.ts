import { sql, type RawBuilder } from 'kysely'
import type { Experiment, StatusChange } from '../../core/domain/experiment.js'
import { toHundredths } from '../../core/domain/rollout.js'
import type { ExperimentWrite } from '../../ports/experiment-repository.js'
import { insertAudit } from './audit-queries.js'
import type { LibraryTables } from './library-tables.js'

function insertHistory(t: LibraryTables, change: StatusChange): RawBuilder<unknown> {
  return sql`insert into ${t.history} (experiment_id, from_status, to_status, at, actor_type, actor_id)
    select changed.id, ${change.from}::text, ${change.to}::text, ${change.at}::timestamptz,
      ${change.actor.type}::text, ${change.actor.id}::text
    from changed`
}

/** A percentage as the database stores it: exactly its hundredths, without binary noise. */
function percentage(value: number): number {
  return (toHundredths(value) ?? value * 100) / 100
}

/** The rollout's two columns as statement values. */
function rolloutValues(e: Experiment) {
  return {
    traffic: sql`${percentage(e.rollout.trafficPercentage)}::numeric`,
    allocations: sql`${JSON.stringify(
      e.rollout.allocations.map(({ variant, weight }) => ({ variant, weight: percentage(weight) })),
    )}::jsonb`,
  }
}

/** Inserts the row unless another active experiment holds its slot (then it inserts nothing). */
function insertExperiment(t: LibraryTables, e: Experiment): RawBuilder<unknown> {
  const rollout = rolloutValues(e)
  return sql`insert into ${t.experiments} (id, environment_id, feature_id, name, hypothesis, status,
      created_at, updated_at, started_at, ended_at, deleted_at, version, traffic_percentage, allocations,
      scheduled_start_at, scheduled_end_at, environment_key, analysis_method, sequential_tuning,
      pre_exposure_days)
    values (${e.id}::uuid, ${e.environmentId}, ${e.featureId}, ${e.name}, ${e.hypothesis}, ${e.status},
      ${e.createdAt}::timestamptz, ${e.updatedAt}::timestamptz, ${e.startedAt}::timestamptz,
      ${e.endedAt}::timestamptz, ${e.deletedAt}::timestamptz, ${e.version}, ${rollout.traffic},
      ${rollout.allocations}, ${e.scheduledStartAt}::timestamptz, ${e.scheduledEndAt}::timestamptz,
      ${e.environmentKey}::text, ${e.analysis.method}, ${e.analysis.sequentialTuning},
      ${e.analysis.preExposureDays})
    on conflict (environment_id, feature_id) where status <> 'completed' and deleted_at is null do nothing
    returning id`
}

/** Compare-and-set: updates the mutable columns only if the row still has `storedVersion`. */
function updateExperiment(t: LibraryTables, e: Experiment, storedVersion: number): RawBuilder<unknown> {
  const rollout = rolloutValues(e)
  return sql`update ${t.experiments} set name = ${e.name}, hypothesis = ${e.hypothesis}, status = ${e.status},
      updated_at = ${e.updatedAt}::timestamptz, started_at = ${e.startedAt}::timestamptz,
      ended_at = ${e.endedAt}::timestamptz, deleted_at = ${e.deletedAt}::timestamptz, version = ${e.version},
      traffic_percentage = ${rollout.traffic}, allocations = ${rollout.allocations},
      scheduled_start_at = ${e.scheduledStartAt}::timestamptz, scheduled_end_at = ${e.scheduledEndAt}::timestamptz,
      environment_key = coalesce(${e.environmentKey}::text, environment_key),
      analysis_method = ${e.analysis.method}, sequential_tuning = ${e.analysis.sequentialTuning},
      pre_exposure_days = ${e.analysis.preExposureDays}
    where id = ${e.id}::uuid and environment_id = ${e.environmentId} and version = ${storedVersion}
    returning id`
}

/** The experiment's metrics as link rows (`w`), from one JSON parameter whatever their number. */
function wantedLinks(e: Experiment): RawBuilder<unknown> {
  const rows = e.metrics.map((metric, position) => ({
    metric_id: metric.metricId,
    position,
    role: metric.role,
    expected_direction: metric.expectedDirection,
  }))
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    as w(metric_id uuid, position smallint, role text, expected_direction text)`
}

const SAME_LINK = sql`l.experiment_id = changed.id and l.metric_id = w.metric_id and l.position = w.position
  and l.role = w.role and l.expected_direction = w.expected_direction`

/**
 * Keeps the link rows in step with the experiment's metrics, for the row the CTE `changed`
 * returned: deletes the links that differ from the new list, then inserts the new ones that
 * differ from the stored links (the insert waits for the delete through its subquery). Links
 * that stay the same are left alone, so a write that does not touch the metrics attaches
 * nothing anew; every inserted link passes the attach trigger (metric present, not deleted, same
 * environment, share-locked until the write ends).
 */
function syncLinks(t: LibraryTables, e: Experiment, kind: ExperimentWrite['kind']): RawBuilder<unknown>[] {
  const insert = (where: RawBuilder<unknown>) => sql`attached as (
    insert into ${t.experimentMetrics} (experiment_id, metric_id, position, role, expected_direction)
    select changed.id, w.metric_id, w.position, w.role, w.expected_direction
    from changed cross join ${wantedLinks(e)}
    ${where})`
  if (kind === 'insert') return e.metrics.length === 0 ? [] : [insert(sql``)]
  return [
    sql`detached as (
      delete from ${t.experimentMetrics} l using changed
      where l.experiment_id = changed.id
        and not exists (select 1 from ${wantedLinks(e)} where ${SAME_LINK})
      returning l.metric_id)`,
    insert(sql`where (select count(*) from detached) >= 0
      and not exists (select 1 from ${t.experimentMetrics} l where ${SAME_LINK})`),
  ]
}

/**
 * The whole write as ONE statement: the row (insert, or compare-and-set update), its metric
 * links, its history row and, with `withAudit`, its audit entry, chained through data-modifying
 * CTEs so that each effect happens only if the row was written. One statement is atomic on its own.
 * Selects `written`: 1 if the row was written, 0 if not (slot taken or version moved on).
 */
export function writeQuery(t: LibraryTables, change: ExperimentWrite, withAudit: boolean) {
  const row =
    change.kind === 'insert'
      ? insertExperiment(t, change.experiment)
      : updateExperiment(t, change.experiment, change.storedVersion)
  const effects = syncLinks(t, change.experiment, change.kind)
  if (change.kind === 'update' && change.statusChange !== null)
    effects.push(sql`history as (${insertHistory(t, change.statusChange)})`)
  if (withAudit) effects.push(sql`audited as (${insertAudit(t, change.audit, 'changed')})`)
  return sql<{ written: number }>`
    with changed as (${row})${effects.length === 0 ? sql`` : sql`, ${sql.join(effects)}`}
    select count(*)::int as written from changed`
}
