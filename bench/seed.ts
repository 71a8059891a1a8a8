import type { SqlClient } from './backend.js'
import type { Tables } from './baseline-sql.js'

/** Which rows {@link seedExperiments} writes. */
export interface SeedPlan {
  /** How many experiments. */
  readonly rows: number
  /** Row `g` goes to environment `${prefix}${g % environments}`: each environment's rows are spread over the whole table. */
  readonly environments: number
  readonly prefix: string
  /** Makes the ids of one plan differ from another's. */
  readonly salt: string
}

/**
 * Inserts experiments with `generate_series`: in every environment, by position, 10% created,
 * 10% running, 10% paused, 70% completed (a seventh of those soft-deleted), one experiment per
 * feature, newest last; and the status history rows each status implies (running: 1, paused
 * and completed: 2).
 */
export async function seedExperiments(admin: SqlClient, t: Tables, plan: SeedPlan): Promise<void> {
  const series = `generate_series(0, $4::int - 1) g
    cross join lateral (select timestamptz '2025-01-01 00:00:00+00' + g * interval '1 second' as ts, (g / $2::int) % 10 as k) p
    cross join lateral (select p.ts, p.k,
      case p.k when 0 then 'created' when 1 then 'running' when 2 then 'paused' else 'completed' end as status) s`
  const parameters = [plan.prefix, plan.environments, plan.salt, plan.rows]
  await admin.query(
    `insert into ${t.experiments} (id, environment_id, feature_id, name, hypothesis, status, created_at, updated_at,
       started_at, ended_at, deleted_at, version)
     select md5($3::text || g)::uuid, $1::text || (g % $2::int), 'feat-' || $3::text || g, 'Experiment ' || g,
       'Hypothesis of experiment ' || g, s.status, s.ts, s.ts + interval '4 hours',
       case when s.status <> 'created' then s.ts + interval '1 hour' end,
       case when s.status = 'completed' then s.ts + interval '2 hours' end,
       case when s.k = 9 then s.ts + interval '4 hours' end,
       case s.status when 'created' then 1 when 'running' then 2 else 3 end + (s.k = 9)::int
     from ${series}`,
    parameters,
  )
  await admin.query(
    `insert into ${t.history} (experiment_id, from_status, to_status, at, actor_type, actor_id)
     select md5($3::text || g)::uuid, v.from_status, v.to_status, s.ts + v.after, 'user', 'seed'
     from ${series}
     cross join lateral (values ('created', 'running', interval '1 hour'), ('running', s.status, interval '2 hours'))
       v(from_status, to_status, after)
     where s.status <> 'created' and (v.from_status = 'created' or s.status <> 'running')
       and $1::text is not null and $2::int > 0`,
    parameters,
  )
}

/** Empties the library's tables. */
export async function truncateAll(admin: SqlClient, t: Tables): Promise<void> {
  await admin.query(`truncate ${t.audit}, ${t.history}, ${t.experiments}`)
}
