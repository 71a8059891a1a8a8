import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES } from '../library-tables.js'

/** The function 0007 creates, schema-qualified. */
function guardRestoreFunction(schema: string) {
  return sql.id(schema, 'flag_experiments_guard_restore')
}

const RESTORE_TRIGGER = sql.id(`${TABLE_NAMES.experiments}_guard_restore`)
const TRASH_INDEX = `${TABLE_NAMES.experiments}_trash_idx`

/**
 * The trigger that keeps a restore from bringing a deleted metric onto an open experiment. While
 * an experiment is deleted, the metric delete guard does not count it, so its metrics may be
 * deleted; restoring it (when it is not completed) first share-locks every metric it lists, so a
 * metric delete in flight has committed or waits, then looks with a fresh snapshot and refuses a
 * missing, deleted or foreign one — the same refusal as an attach (`metric_available`).
 */
async function createRestoreGuard(db: Kysely<unknown>, schema: string): Promise<void> {
  const t = libraryTables(schema)
  await sql`
    create function ${guardRestoreFunction(schema)}() returns trigger language plpgsql as $fx$
    begin
      perform 1 from ${t.metrics} m
        where m.id in (select l.metric_id from ${t.experimentMetrics} l where l.experiment_id = new.id)
        for share of m;
      if exists (
        select 1 from ${t.experimentMetrics} l left join ${t.metrics} m on m.id = l.metric_id
        where l.experiment_id = new.id
          and (m.id is null or m.deleted_at is not null or m.environment_id <> new.environment_id)
      ) then
        raise exception 'flag-experiments: experiment % lists a missing, deleted or foreign metric', new.id
          using errcode = 'foreign_key_violation', constraint = ${sql.lit(TABLE_NAMES.metricAvailable)};
      end if;
      return new;
    end $fx$`.execute(db)
  await sql`
    create trigger ${RESTORE_TRIGGER} before update on ${t.experiments}
    for each row
    when (old.deleted_at is not null and new.deleted_at is null and new.status <> 'completed')
    execute function ${guardRestoreFunction(schema)}()`.execute(db)
}

/**
 * 0007: the trash. Deleted experiments get an index in list order (the trash list reads it as
 * the live list reads its own), and a restore of an open experiment re-checks its metrics in
 * the database (see {@link createRestoreGuard}).
 */
export function trashMigration(schema: string): Migration {
  const t = libraryTables(schema)
  return {
    async up(db: Kysely<unknown>) {
      await createRestoreGuard(db, schema)
      await sql`
        create index ${sql.id(TRASH_INDEX)} on ${t.experiments} (environment_id, created_at desc, id desc)
        where deleted_at is not null`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index ${sql.id(schema, TRASH_INDEX)}`.execute(db)
      await sql`drop trigger ${RESTORE_TRIGGER} on ${t.experiments}`.execute(db)
      await sql`drop function ${guardRestoreFunction(schema)}()`.execute(db)
    },
  }
}
