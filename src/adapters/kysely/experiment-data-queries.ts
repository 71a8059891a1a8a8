import { sql, type RawBuilder } from 'kysely'
import type { Exposure, SummaryQuery, TrackedEvent } from '../../ports/experiment-data.js'
import type { ExperimentDataTables } from './experiment-data-tables.js'
import {
  column,
  EVENT_COLUMNS,
  eventLookup,
  identityColumns,
  preInterval,
  unpivotRow,
  variantSums,
} from './summary-columns.js'

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
 * The whole summary in one statement whose cost follows the experiment's own data, never the
 * environment's history (docs/results-cost.md):
 *
 * - `exposed`: the experiment's exposures, read by its key and grouped per identity (in key
 *   order, no sort): the exposures before and after the window, and in the window the first
 *   one's time and variant and how many variants.
 * - `per_identity`: per exposed identity and event name, a `lateral` aggregate over that
 *   identity's events of that name in the window (with `preExposureDays`, from the pre window's
 *   start when it is earlier, split at the first exposure: `summary-columns.ts`): one index range (`environment_id, event,
 *   identity, at`), each column an equality or range condition. One lateral per name, never
 *   `event = any(…)`: the planner may demote an `any` to a filter and then walk every event of
 *   the environment per identity. An aggregate in a `lateral` cannot be turned into a join, so no
 *   plan reads other identities' or other experiments' events, whatever the planner's estimates. Only identities exposed to one variant
 *   in the window are looked up; the count before the first exposure is for `dataQuality`.
 * - `per_variant`: the sums per variant (the multiple-exposure identities in a bucket without a
 *   variant, the identities exposed only outside the window in one of their own), with the pre
 *   sums and the pre · post products when asked, then unpivoted into rows per (variant, event
 *   name), and one `quality` row.
 *
 * A value outside ±`MAX_EVENT_VALUE` (stored before the bound, or by other means) is read as
 * `NaN`, so the sums it enters are `NaN` instead of an overflow error; within the bound float8
 * sums cannot overflow.
 */
export function summarizeQuery(t: ExperimentDataTables, query: SummaryQuery): RawBuilder<SummaryRow> {
  const { environmentId, experimentId, window } = query
  const from = sql`${window.from.toISOString()}::timestamptz`
  const to = sql`${window.to.toISOString()}::timestamptz`
  const pre = preInterval(query.preExposureDays)
  const withPre = pre !== null
  const bounds = { environmentId, from, to, pre }
  const names = [...new Set(query.metrics.map((m) => m.event))]
  const early =
    names.length === 0
      ? sql`0`
      : sql.join(
          names.map((_, i) => column('b', i)),
          sql` + `,
        )
  const nulls = sql.join(EVENT_COLUMNS.slice(1).map(() => sql`null`))
  const events =
    names.length === 0
      ? sql``
      : sql`
    union all
    select 'events', per_variant.variant, sums.*, null, null, null
    from per_variant cross join lateral (values ${sql.join(names.map((name, i) => unpivotRow(name, i, withPre)))})
      as sums (${sql.join(EVENT_COLUMNS.map((name) => sql.ref(name)))})
    where per_variant.bucket = 'clean'`
  return sql<SummaryRow>`
    with exposed as (
      select identity,
        count(*) filter (where at < ${from})::int as before_window,
        count(*) filter (where at > ${to})::int as after_window,
        count(*) filter (where at between ${from} and ${to})::int as in_window,
        min(variant) filter (where at between ${from} and ${to}) as variant,
        min(at) filter (where at between ${from} and ${to}) as first_at
      from ${t.exposures}
      where experiment_id = ${experimentId}::uuid
      group by identity
    ),
    per_identity as (
      select case when in_window = 0 then 'outside' when in_window = 1 then 'clean' else 'multiple' end
          as bucket,
        case when in_window = 1 then exposed.variant end as variant,
        before_window, after_window ${sql.join(
          names.map((_, i) => identityColumns(i, withPre)),
          sql``,
        )}, ${early} as before_exposure
      from exposed ${sql.join(
        names.map((name, i) => eventLookup(t, bounds, name, i)),
        sql``,
      )}
    ),
    per_variant as (
      select bucket, variant, count(*)::int as identities,
        sum(before_window)::float8 as before_window, sum(after_window)::float8 as after_window,
        sum(before_exposure)::float8 as before_exposure ${sql.join(
          names.map((_, i) => variantSums(i, withPre)),
          sql``,
        )}
      from per_identity group by bucket, variant
    )
    select 'exposures' as kind, variant, null as event, identities, null::float8 as count_sum,
      null::float8 as count_squares, null::float8 as value_sum, null::float8 as value_squares,
      null::int as pre_identities, null::float8 as pre_count_sum, null::float8 as pre_count_squares,
      null::float8 as pre_value_sum, null::float8 as pre_value_squares, null::int as both_identities,
      null::float8 as count_products, null::float8 as value_products,
      null::float8 as before_window, null::float8 as after_window, null::float8 as before_exposure
    from per_variant where bucket <> 'outside'
    union all
    select 'quality', null, null, ${nulls}, coalesce(sum(before_window), 0),
      coalesce(sum(after_window), 0), coalesce(sum(before_exposure), 0)
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
  readonly pre_identities: unknown
  readonly pre_count_sum: unknown
  readonly pre_count_squares: unknown
  readonly pre_value_sum: unknown
  readonly pre_value_squares: unknown
  readonly both_identities: unknown
  readonly count_products: unknown
  readonly value_products: unknown
  readonly before_window: unknown
  readonly after_window: unknown
  readonly before_exposure: unknown
}
