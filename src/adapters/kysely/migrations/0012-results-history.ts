import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables } from '../library-tables.js'

/** The table and index 0012 creates; the names are frozen with the migration. */
const SNAPSHOTS = 'flag_experiments_results_snapshots'
const RUNNING_INDEX = 'flag_experiments_running_idx'

/**
 * 0012: results snapshots for the lift over time, at most one per experiment and UTC day (the
 * primary key), the body as the JSON the core computed. A snapshot is not a change to the
 * experiment: nothing here touches its row or its audit. The index serves the scheduler's
 * question "which running experiments have no snapshot today?" from the snapshot side.
 */
export function resultsHistoryMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create table ${sql.id(schema, SNAPSHOTS)} (
          experiment_id uuid not null references ${t.experiments} (id),
          day date not null,
          body jsonb not null check (jsonb_typeof(body) = 'object'),
          created_at timestamptz not null default now(),
          constraint ${sql.id(`${SNAPSHOTS}_pkey`)} primary key (experiment_id, day)
        )`.execute(db)
      await sql`
        create index ${sql.id(RUNNING_INDEX)} on ${t.experiments} (id)
        where status = 'running' and deleted_at is null`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index ${sql.id(schema, RUNNING_INDEX)}`.execute(db)
      await sql`drop table ${sql.id(schema, SNAPSHOTS)}`.execute(db)
    },
  }
}
