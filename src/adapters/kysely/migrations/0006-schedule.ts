import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES } from '../library-tables.js'

/**
 * 0006: scheduled transitions. Two nullable times (a start only while `created`, an end only
 * before completion, the start before the end), the environment's key as of the last write
 * (the scheduler resolves the environment by it), and two partial indexes holding exactly the
 * experiments a schedule waits on, in due order, so the scheduler's query reads only them.
 */
export function scheduleMigration(schema: string): Migration {
  const t = libraryTables(schema)
  const name = (suffix: string) => sql.id(`${TABLE_NAMES.experiments}_${suffix}`)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        alter table ${t.experiments}
          add column scheduled_start_at timestamptz,
          add column scheduled_end_at timestamptz,
          add column environment_key text check (environment_key <> ''),
          add constraint ${name('scheduled_start_before_start')}
            check (scheduled_start_at is null or status = 'created'),
          add constraint ${name('scheduled_end_before_completion')}
            check (scheduled_end_at is null or status <> 'completed'),
          add constraint ${name('scheduled_start_before_end')}
            check (scheduled_start_at < scheduled_end_at)`.execute(db)
      await sql`
        create index ${name('due_start_idx')} on ${t.experiments} (scheduled_start_at, id)
        where status = 'created' and deleted_at is null and scheduled_start_at is not null`.execute(db)
      await sql`
        create index ${name('due_end_idx')} on ${t.experiments} (scheduled_end_at, id)
        where status in ('running', 'paused') and deleted_at is null and scheduled_end_at is not null`.execute(
        db,
      )
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index ${t.schema}.${name('due_end_idx')}`.execute(db)
      await sql`drop index ${t.schema}.${name('due_start_idx')}`.execute(db)
      await sql`
        alter table ${t.experiments}
          drop column environment_key,
          drop column scheduled_end_at,
          drop column scheduled_start_at`.execute(db)
    },
  }
}
