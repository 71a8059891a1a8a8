import { sql, type RawBuilder } from 'kysely'
import type { Exposure, SummaryQuery, TrackedEvent } from '../../ports/experiment-data.js'
import type { ExperimentDataTables } from './experiment-data-tables.js'

/**
 * Inserts a batch of exposures in one statement: unnested arrays in batch order, so that within
 * the batch the first of two equal keys is stored and the second is a conflict; counts what it
 * stored.
 */
export function insertExposuresQuery(
  t: ExperimentDataTables,
  batch: readonly Exposure[],
): RawBuilder<{ accepted: number }> {
  return sql<{ accepted: number }>`
    with inserted as (
      insert into ${t.exposures} (experiment_id, identity, variant, at)
      select experiment_id, identity, variant, at
      from unnest(
        ${batch.map((e) => e.experimentId)}::uuid[],
        ${batch.map((e) => e.identity)}::text[],
        ${batch.map((e) => e.variant)}::text[],
        ${batch.map((e) => e.at.toISOString())}::timestamptz[]
      ) with ordinality as batch (experiment_id, identity, variant, at, position)
      order by position
      on conflict (experiment_id, identity, variant) do nothing
      returning 1
    )
    select count(*)::int as accepted from inserted`
}

/** Inserts a batch of one environment's events in one statement; counts what it stored. */
export function insertEventsQuery(
  t: ExperimentDataTables,
  environmentId: string,
  batch: readonly TrackedEvent[],
): RawBuilder<{ accepted: number }> {
  return sql<{ accepted: number }>`
    with inserted as (
      insert into ${t.events} (environment_id, id, identity, event, value, at)
      select ${environmentId}, id, identity, event, value, at
      from unnest(
        ${batch.map((e) => e.id)}::uuid[],
        ${batch.map((e) => e.identity)}::text[],
        ${batch.map((e) => e.event)}::text[],
        ${batch.map((e) => e.value)}::float8[],
        ${batch.map((e) => e.at.toISOString())}::timestamptz[]
      ) with ordinality as batch (id, identity, event, value, at, position)
      order by position
      on conflict (environment_id, id) do nothing
      returning 1
    )
    select count(*)::int as accepted from inserted`
}

/**
 * The whole summary in one statement, two kinds of rows. `exposures`: per variant its clean
 * identities, plus one row without a variant counting the multiple-exposure identities.
 * `events`: per variant and event name, over the clean identities, how many have at least one
 * counted event of that name and the sum and sum of squares of their event counts and of their
 * value sums — enough for every aggregation of every metric on that event, mapped in the adapter.
 * Identities without events add 0 to every sum, so they need no rows of their own.
 *
 * One group per identity, whatever the number of event names: each name gets its own filtered
 * count and value sum in that group (one hash entry per identity rather than one per identity and
 * name), summed per variant, then turned into one row per name. The clean-identity filter reads
 * `variants < 2` rather than `= 1`: the planner guesses 0.5% of rows for an equality on an
 * aggregate and then picks sorts that spill; a range guess of a third keeps it on hash aggregates.
 */
export function summarizeQuery(t: ExperimentDataTables, query: SummaryQuery): RawBuilder<SummaryRow> {
  const { environmentId, experimentId, window } = query
  const from = window.from.toISOString()
  const to = window.to.toISOString()
  const names = [...new Set(query.metrics.map((m) => m.event))]
  const exposures = sql`
    select 'exposures' as kind, case when variants < 2 then variant end as variant, null as event,
      count(*)::int as identities, null::float8 as count_sum, null::float8 as count_squares,
      null::float8 as value_sum, null::float8 as value_squares
    from exposed group by 2`
  if (names.length === 0)
    return sql<SummaryRow>`with exposed as (${exposedQuery(t, experimentId, from, to)}) ${exposures}`
  const column = (prefix: string, i: number) => sql.ref(`${prefix}${i}`)
  const perName = names.map((name, i) => ({ name, n: column('n', i), v: column('v', i) }))
  const perIdentity = sql.join(
    perName.map(
      ({ name, n, v }) => sql`count(*) filter (where event.event = ${name})::float8 as ${n},
        coalesce(sum(event.value) filter (where event.event = ${name}), 0) as ${v}`,
    ),
  )
  const perVariant = sql.join(
    perName.map(
      ({ n, v }, i) => sql`count(*) filter (where ${n} > 0)::int as ${column('i', i)},
        sum(${n}) as ${column('c', i)}, sum(${n} * ${n}) as ${column('cc', i)},
        sum(${v}) as ${column('s', i)}, sum(${v} * ${v}) as ${column('ss', i)}`,
    ),
  )
  const unpivot = sql.join(
    perName.map(
      ({ name }, i) =>
        sql`(${name}::text, ${column('i', i)}, ${column('c', i)}, ${column('cc', i)}, ${column('s', i)}, ${column('ss', i)})`,
    ),
  )
  return sql<SummaryRow>`
    with exposed as not materialized (${exposedQuery(t, experimentId, from, to)}),
    per_identity as (
      select exposed.variant, ${perIdentity}
      from exposed
      join ${t.events} as event
        on event.environment_id = ${environmentId}
        and event.identity = exposed.identity
        and event.event = any(${names}::text[])
        and event.at between exposed.first_at and ${to}::timestamptz
      where exposed.variants < 2
      group by exposed.identity, exposed.variant
    ),
    per_variant as (
      select variant, ${perVariant} from per_identity group by variant
    )
    ${exposures}
    union all
    select 'events', per_variant.variant, sums.*
    from per_variant cross join lateral (values ${unpivot})
      as sums (event, identities, count_sum, count_squares, value_sum, value_squares)`
}

/** Per identity exposed in the window: its variant (any, if several), first exposure and variant count. */
function exposedQuery(t: ExperimentDataTables, experimentId: string, from: string, to: string) {
  return sql`
    select identity, min(variant) as variant, min(at) as first_at, count(*) as variants
    from ${t.exposures}
    where experiment_id = ${experimentId}::uuid and at between ${from}::timestamptz and ${to}::timestamptz
    group by identity`
}

/** One row of {@link summarizeQuery}, before parsing. */
export interface SummaryRow {
  readonly kind: unknown
  readonly variant: unknown
  readonly event: unknown
  readonly identities: unknown
  readonly count_sum: unknown
  readonly count_squares: unknown
  readonly value_sum: unknown
  readonly value_squares: unknown
}
