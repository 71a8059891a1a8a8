import type { TrackedEvent } from '../src/index.js'
import type { Backend, SqlClient } from './backend.js'
import type { DataTables, SeededExperiment } from './data-seed.js'

/**
 * The hand-written ingestion baseline: one multi-row `INSERT … VALUES … ON CONFLICT DO NOTHING`
 * with six parameters per event. It does not even count what it stored (a driver's row count
 * would be free), so it is the cheapest statement that does the same work.
 */
export async function baselineInsertEvents(
  client: SqlClient,
  t: DataTables,
  environmentId: string,
  events: readonly TrackedEvent[],
): Promise<void> {
  const values = events
    .map(
      (_, i) => `($${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
    )
    .join(', ')
  const parameters = events.flatMap((e) => [
    environmentId,
    e.id,
    e.identity,
    e.event,
    e.value,
    e.at.toISOString(),
  ])
  await client.query(
    `insert into ${t.events} (environment_id, id, identity, event, value, at) values ${values}
     on conflict (environment_id, id) do nothing`,
    parameters,
  )
}

/** Per variant, what the baseline's summary returns for the benchmark's three metrics. */
export interface BaselineVariantRow {
  readonly variant: string | null
  readonly identities: number
  readonly conversions: number | null
  readonly revenue: number | null
  readonly revenue_squares: number | null
  readonly signups: number | null
  readonly signups_squares: number | null
}

/**
 * What the baseline's summary runs with, as the library's does: the memory to aggregate without
 * spilling and no JIT compilation, set for its transaction only.
 */
export const BASELINE_SUMMARY_SETTINGS = "set local work_mem = '64MB'; set local jit = off"

/**
 * The best hand-written summary found for the benchmark's fixed metrics (occurrence and sum of
 * `purchase`, count of `signup`): event names and aggregations written into the SQL, one group
 * per identity with filtered aggregates instead of one per identity and event name, every exposed
 * identity left-joined to its events in one pass that also counts the exposures (the row without
 * a variant holds the multiple-exposure identities; the comparison ignores its sums). Run in a
 * transaction of its own with {@link BASELINE_SUMMARY_SETTINGS} (the `BEGIN` and the settings in
 * one round trip, which the library cannot do with one parameterised statement per call).
 */
export async function baselineSummarize(
  backend: Pick<Backend, 'sqlTransaction'>,
  t: DataTables,
  seeded: SeededExperiment,
): Promise<BaselineVariantRow[]> {
  return backend.sqlTransaction(BASELINE_SUMMARY_SETTINGS, (client) => summaryRows(client, t, seeded))
}

/** The baseline's summary statement and its parameters, as {@link baselineSummarize} sends it. */
export function baselineSummaryStatement(t: DataTables, seeded: SeededExperiment): [string, unknown[]] {
  return [BASELINE_SUMMARY_SQL(t), baselineParameters(seeded)]
}

async function summaryRows(
  client: SqlClient,
  t: DataTables,
  seeded: SeededExperiment,
): Promise<BaselineVariantRow[]> {
  const { rows } = await client.query<BaselineVariantRow>(BASELINE_SUMMARY_SQL(t), baselineParameters(seeded))
  return rows
}

const BASELINE_SUMMARY_SQL = (t: DataTables) =>
  `with exposed as (
       select identity, min(variant) as variant, min(at) as first_at, count(*) < 2 as clean
       from ${t.exposures}
       where experiment_id = $1 and at between $2 and $3
       group by identity
     ),
     per_identity as (
       select case when x.clean then x.variant end as variant,
         (count(e.event) filter (where e.event = 'purchase') > 0)::int as converted,
         coalesce(sum(e.value) filter (where e.event = 'purchase'), 0) as revenue,
         count(e.event) filter (where e.event = 'signup')::float8 as signups
       from exposed x
       left join ${t.events} e on e.environment_id = $4 and e.identity = x.identity
         and e.event in ('purchase', 'signup') and e.at between x.first_at and $3
       group by x.identity, x.variant, x.clean
     )
     select variant, count(*)::int as identities, sum(converted)::int as conversions, sum(revenue) as revenue,
       sum(revenue * revenue) as revenue_squares, sum(signups) as signups, sum(signups * signups) as signups_squares
     from per_identity group by variant
     order by variant nulls first`

const baselineParameters = (seeded: SeededExperiment): unknown[] => [
  seeded.experimentId,
  seeded.window.from.toISOString(),
  seeded.window.to.toISOString(),
  seeded.environmentId,
]
