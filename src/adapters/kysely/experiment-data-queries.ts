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
 *
 * One pass: every exposed identity (first exposure in the window) is joined to its counted events
 * (a left join, so identities without events count 0) and becomes one group, with a filtered
 * count and value sum per event name; those are summed per variant, the multiple-exposure
 * identities in a bucket of their own (no variant) whose sums are not returned. So the exposures
 * are read once, and each identity holds one hash entry whatever the number of names.
 */
export function summarizeQuery(t: ExperimentDataTables, query: SummaryQuery): RawBuilder<SummaryRow> {
  const { environmentId, experimentId, window } = query
  const from = window.from.toISOString()
  const to = window.to.toISOString()
  const names = [...new Set(query.metrics.map((m) => m.event))]
  const column = (prefix: string, i: number) => sql.ref(`${prefix}${i}`)
  const perIdentity = names.map(
    (name, i) => sql`, count(event.event) filter (where event.event = ${name})::float8 as ${column('n', i)},
      coalesce(sum(event.value) filter (where event.event = ${name}), 0) as ${column('v', i)}`,
  )
  const perVariant = names.map((_, i) => {
    const [n, v] = [column('n', i), column('v', i)]
    return sql`, count(*) filter (where ${n} > 0)::int as ${column('i', i)},
      sum(${n}) as ${column('c', i)}, sum(${n} * ${n}) as ${column('cc', i)},
      sum(${v}) as ${column('s', i)}, sum(${v} * ${v}) as ${column('ss', i)}`
  })
  const unpivot = names.map(
    (name, i) =>
      sql`(${name}::text, ${column('i', i)}, ${column('c', i)}, ${column('cc', i)}, ${column('s', i)}, ${column('ss', i)})`,
  )
  const events =
    names.length === 0
      ? sql``
      : sql`
    union all
    select 'events', per_variant.variant, sums.*
    from per_variant cross join lateral (values ${sql.join(unpivot)})
      as sums (event, identities, count_sum, count_squares, value_sum, value_squares)
    where per_variant.variant is not null`
  return sql<SummaryRow>`
    with exposed as (
      select identity, min(variant) as variant, min(at) as first_at, count(*) < 2 as clean
      from ${t.exposures}
      where experiment_id = ${experimentId}::uuid and at between ${from}::timestamptz and ${to}::timestamptz
      group by identity
    ),
    per_identity as (
      select exposed.clean, exposed.variant ${sql.join(perIdentity, sql``)}
      from exposed
      left join ${t.events} as event
        on event.environment_id = ${environmentId}
        and event.identity = exposed.identity
        and event.event = any(${names}::text[])
        and event.at between exposed.first_at and ${to}::timestamptz
      group by exposed.identity, exposed.variant, exposed.clean
    ),
    per_variant as (
      select case when clean then variant end as variant, count(*)::int as identities
        ${sql.join(perVariant, sql``)}
      from per_identity group by 1
    )
    select 'exposures' as kind, variant, null as event, identities, null::float8 as count_sum,
      null::float8 as count_squares, null::float8 as value_sum, null::float8 as value_squares
    from per_variant${events}`
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
