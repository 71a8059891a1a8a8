import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables } from './library-tables.js'

/** The index 0010 creates; the name is frozen with the migration. */
const METRIC_TRASH_INDEX = 'flag_experiments_metrics_trash_idx'

/**
 * 0010: the metric trash. Deleted metrics get an index in list order, so the trash list
 * (`deleted = true`) reads it as the live list reads its own (`deleted_at is null`).
 */
export function metricTrashMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create index ${sql.id(METRIC_TRASH_INDEX)} on ${t.metrics} (environment_id, created_at desc, id desc)
        where deleted_at is not null`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index ${sql.id(schema, METRIC_TRASH_INDEX)}`.execute(db)
    },
  }
}
