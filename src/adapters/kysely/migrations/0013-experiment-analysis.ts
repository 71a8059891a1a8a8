import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES } from '../library-tables.js'

/**
 * The setting 0013 shipped with, written out (a shipped migration never follows the core: a new
 * value or bound comes with a new migration). The defaults are what every existing experiment
 * reads as; a new experiment's row always names its own setting.
 */
const SHIPPED = {
  methods: sql.raw(`'sequential', 'fixed'`),
  defaultMethod: sql.lit('sequential'),
  defaultTuning: sql.lit(5000),
  defaultDays: sql.lit(14),
  tuning: { min: sql.lit(100), max: sql.lit(10_000_000) },
  days: { min: sql.lit(0), max: sql.lit(90) },
  actions: sql.raw(
    `'created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed', ` +
      `'metrics_changed', 'rollout_changed', 'analysis_changed', 'metric_created', 'metric_updated', ` +
      `'metric_deleted', 'metric_restored'`,
  ),
  /** The actions 0002 shipped with, which `down` restores. */
  previousActions: sql.raw(
    `'created', 'updated', 'deleted', 'restored', 'started', 'resumed', 'paused', 'completed', ` +
      `'metrics_changed', 'rollout_changed', 'metric_created', 'metric_updated', 'metric_deleted', ` +
      `'metric_restored'`,
  ),
}

/** The function and trigger 0013 creates; the names are frozen with the migration. */
const LOCK_FUNCTION = 'flag_experiments_lock_analysis'
const LOCK_TRIGGER = 'flag_experiments_lock_analysis'

/**
 * 0013: each experiment's analysis setting (method, sequential tuning, pre-exposure days), with
 * the default setting for every existing row, and `analysis_changed` among the audit actions.
 * The columns are whole numbers in the core's bounds; the setting cannot change once the
 * experiment has started, so a write that tries (a bug, a hand-written query) is refused.
 */
export function experimentAnalysisMigration(schema: string): Migration {
  const t = libraryTables(schema)
  const name = (suffix: string) => sql.id(`${TABLE_NAMES.experiments}_${suffix}`)
  const audit = (suffix: string) => sql.id(`${TABLE_NAMES.audit}_${suffix}`)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        alter table ${t.experiments}
          add column analysis_method text not null default ${SHIPPED.defaultMethod}
            constraint ${name('analysis_method_check')} check (analysis_method in (${SHIPPED.methods})),
          add column sequential_tuning integer not null default ${SHIPPED.defaultTuning}
            constraint ${name('sequential_tuning_check')}
            check (sequential_tuning between ${SHIPPED.tuning.min} and ${SHIPPED.tuning.max}),
          add column pre_exposure_days smallint not null default ${SHIPPED.defaultDays}
            constraint ${name('pre_exposure_days_check')}
            check (pre_exposure_days between ${SHIPPED.days.min} and ${SHIPPED.days.max})`.execute(db)
      await sql`
        alter table ${t.audit}
          drop constraint ${audit('action_check')},
          add constraint ${audit('action_check')} check (action in (${SHIPPED.actions}))`.execute(db)
      await sql`
        create function ${sql.id(schema, LOCK_FUNCTION)}() returns trigger language plpgsql as $fx$
        begin
          raise exception 'flag-experiments: the analysis setting of started experiment % cannot change', new.id
            using errcode = 'check_violation', constraint = ${sql.lit(`${TABLE_NAMES.experiments}_analysis_locked`)};
        end $fx$`.execute(db)
      await sql`
        create trigger ${sql.id(LOCK_TRIGGER)} before update on ${t.experiments}
        for each row
        when (old.started_at is not null and (old.analysis_method, old.sequential_tuning, old.pre_exposure_days)
          is distinct from (new.analysis_method, new.sequential_tuning, new.pre_exposure_days))
        execute function ${sql.id(schema, LOCK_FUNCTION)}()`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop trigger ${sql.id(LOCK_TRIGGER)} on ${t.experiments}`.execute(db)
      await sql`drop function ${sql.id(schema, LOCK_FUNCTION)}()`.execute(db)
      await sql`delete from ${t.audit} where action = 'analysis_changed'`.execute(db)
      await sql`
        alter table ${t.audit}
          drop constraint ${audit('action_check')},
          add constraint ${audit('action_check')} check (action in (${SHIPPED.previousActions}))`.execute(db)
      await sql`
        alter table ${t.experiments}
          drop column pre_exposure_days,
          drop column sequential_tuning,
          drop column analysis_method`.execute(db)
    },
  }
}
