import { sql } from 'kysely'
import type { ResultsSnapshot, SnapshotsDueQuery } from '../../ports/results-history.js'
import type { LibraryTables } from './library-tables.js'

/** Running, non-deleted experiments without a snapshot for the day, by id, after the cursor. */
export function selectSnapshotsDue(t: LibraryTables, query: SnapshotsDueQuery) {
  return sql<{ environment_id: string; id: string }>`
    select e.environment_id, e.id::text as id
    from ${t.experiments} e
    where e.status = 'running' and e.deleted_at is null
      and (${query.after}::uuid is null or e.id > ${query.after}::uuid)
      and not exists (
        select 1 from ${t.resultsSnapshots} s where s.experiment_id = e.id and s.day = ${query.day}::date
      )
    order by e.id
    limit ${query.limit}`
}

/**
 * Stores a snapshot of an experiment of the environment (none for another environment's): a
 * daily one only if the day has none, the final results over the day's.
 */
export function insertSnapshot(t: LibraryTables, snapshot: ResultsSnapshot) {
  const onConflict = snapshot.replace ? sql`do update set body = excluded.body` : sql`do nothing`
  return sql`
    insert into ${t.resultsSnapshots} (experiment_id, day, body)
    select e.id, ${snapshot.day}::date, ${JSON.stringify(snapshot.results)}::jsonb
    from ${t.experiments} e
    where e.id = ${snapshot.experimentId}::uuid and e.environment_id = ${snapshot.environmentId}
    on conflict (experiment_id, day) ${onConflict}`
}

/** An experiment's snapshots (of the environment), oldest day first. */
export function selectSnapshots(t: LibraryTables, environmentId: string, experimentId: string) {
  return sql<{ body: unknown }>`
    select s.body
    from ${t.resultsSnapshots} s join ${t.experiments} e on e.id = s.experiment_id
    where s.experiment_id = ${experimentId}::uuid and e.environment_id = ${environmentId}
    order by s.day`
}
