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
 * The whole summary in one statement, three kinds of rows: per variant its clean identities
 * (`variant`), the multiple-exposure count (`multiple`), and per variant and metric the sum and
 * sum of squares of the per-identity values (`metric`, with the metric's 1-based position).
 *
 * Only identities with events reach the join's output; those without add 0 to both sums, and
 * `n` is the variant's exposure count, so they need no rows of their own.
 */
export function summarizeQuery(t: ExperimentDataTables, query: SummaryQuery): RawBuilder<SummaryRow> {
  const { environmentId, experimentId, window, metrics } = query
  const from = window.from.toISOString()
  const to = window.to.toISOString()
  const names = metrics.map((m) => m.event)
  return sql<SummaryRow>`
    with metric as (
      select event, aggregation, position::int
      from unnest(${names}::text[], ${metrics.map((m) => m.aggregation)}::text[])
        with ordinality as metric (event, aggregation, position)
    ),
    exposed as (
      select identity, min(variant) as variant, min(at) as first_at, count(*) as variants
      from ${t.exposures}
      where experiment_id = ${experimentId}::uuid and at between ${from}::timestamptz and ${to}::timestamptz
      group by identity
    ),
    clean as (
      select identity, variant, first_at from exposed where variants = 1
    ),
    valued as (
      select clean.variant, metric.position, case min(metric.aggregation)
        when 'occurrence' then 1::float8
        when 'count' then count(*)::float8
        else coalesce(sum(event.value), 0)::float8
      end as value
      from clean
      join ${t.events} as event
        on event.environment_id = ${environmentId}
        and event.identity = clean.identity
        and event.event = any(${names}::text[])
        and event.at between clean.first_at and ${to}::timestamptz
      join metric on metric.event = event.event
      group by clean.identity, clean.variant, metric.position
    )
    select 'variant' as kind, variant, null::int as position, count(*)::int as n,
      null::float8 as sum, null::float8 as sum_squares
    from clean group by variant
    union all
    select 'multiple', null, null, count(*)::int, null, null from exposed where variants > 1
    union all
    select 'metric', variant, position, null, sum(value), sum(value * value)
    from valued group by variant, position`
}

/** One row of {@link summarizeQuery}, before parsing. */
export interface SummaryRow {
  readonly kind: unknown
  readonly variant: unknown
  readonly position: unknown
  readonly n: unknown
  readonly sum: unknown
  readonly sum_squares: unknown
}
