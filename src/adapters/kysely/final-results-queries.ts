import { sql } from 'kysely'
import type { ExperimentResults } from '../../core/domain/results.js'
import type { LibraryTables } from './library-tables.js'

/** The stored final results of an experiment of the environment (no row when there are none). */
export function selectFinalResults(t: LibraryTables, environmentId: string, experimentId: string) {
  return sql<{ body: unknown }>`
    select r.body
    from ${t.finalResults} r join ${t.experiments} e on e.id = r.experiment_id
    where r.experiment_id = ${experimentId}::uuid and e.environment_id = ${environmentId}`
}

/**
 * Stores the final results unless some are stored, and answers the stored body, in one statement:
 * the insert's own row, else the row already there. A row committed by a racing writer while this
 * statement waited on it is not in the statement's snapshot, so then no row comes back and the
 * caller reads again with {@link selectFinalResults}. An experiment of another environment gets
 * no row inserted.
 */
export function insertFinalResults(
  t: LibraryTables,
  environmentId: string,
  experimentId: string,
  results: ExperimentResults,
) {
  return sql<{ body: unknown }>`
    with inserted as (
      insert into ${t.finalResults} (experiment_id, body)
      select e.id, ${JSON.stringify(results)}::jsonb
      from ${t.experiments} e
      where e.id = ${experimentId}::uuid and e.environment_id = ${environmentId}
      on conflict (experiment_id) do nothing
      returning body
    )
    select body from inserted
    union all
    (${selectFinalResults(t, environmentId, experimentId)})
    limit 1`
}
