import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES } from '../library-tables.js'

/**
 * 0005: completed experiments' final results, one row per experiment (its primary key, so the
 * first writer wins and a second insert is a conflict), the body as the JSON the core computed.
 * Results are not a change to the experiment: nothing here touches its row or its audit.
 */
export function finalResultsMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create table ${t.finalResults} (
          experiment_id uuid not null references ${t.experiments} (id),
          body jsonb not null check (jsonb_typeof(body) = 'object'),
          created_at timestamptz not null default now(),
          constraint ${sql.id(`${TABLE_NAMES.finalResults}_pkey`)} primary key (experiment_id)
        )`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table ${t.finalResults}`.execute(db)
    },
  }
}
