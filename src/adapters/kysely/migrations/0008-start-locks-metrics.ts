import { sql, type Kysely, type Migration } from 'kysely'

/** The function 0008 creates, schema-qualified. */
function lockStartMetricsFunction(schema: string) {
  return sql.id(schema, 'flag_experiments_lock_start_metrics')
}

const START_TRIGGER = sql.id('flag_experiments_lock_start_metrics')

/**
 * 0008: a start holds its metrics. The event and aggregation of a metric a started experiment
 * lists cannot change (the metric's own trigger checks the experiments listing it), but a start
 * committing while that check runs would slip past it. So the first start share-locks every
 * metric the experiment lists until it commits: a metric change in flight has committed first
 * (the experiment starts measuring the new way) or waits, then sees the experiment running and
 * is refused.
 */
export function startLocksMetricsMigration(schema: string): Migration {
  const experiments = sql.id(schema, 'flag_experiments')
  const metrics = sql.id(schema, 'flag_experiments_metrics')
  const links = sql.id(schema, 'flag_experiments_experiment_metrics')
  const lockMetrics = lockStartMetricsFunction(schema)
  return {
    async up(db: Kysely<unknown>) {
      await sql`
        create function ${lockMetrics}() returns trigger language plpgsql as $fx$
        begin
          perform 1 from ${metrics} m
            where m.id in (select l.metric_id from ${links} l where l.experiment_id = new.id)
            order by m.id
            for share of m;
          return new;
        end $fx$`.execute(db)
      await sql`
        create trigger ${START_TRIGGER} before update on ${experiments}
        for each row
        when (old.status = 'created' and new.status <> 'created')
        execute function ${lockMetrics}()`.execute(db)
    },
    async down(db: Kysely<unknown>) {
      await sql`drop trigger ${START_TRIGGER} on ${experiments}`.execute(db)
      await sql`drop function ${lockMetrics}()`.execute(db)
    },
  }
}
