import { sql, type RawBuilder } from 'kysely'
import { MAX_EVENT_VALUE } from '../../core/domain/ingest-input.js'
import type { ExperimentDataTables } from './experiment-data-tables.js'

/*
 * The per-event-name pieces of the summary statement (`summarizeQuery`): the lateral lookup of one
 * identity's events of one name, its sums per variant, and the row they are unpivoted into. With
 * a pre window the same lookup reads from the pre window's start and splits the events at the
 * first exposure, so each identity's events of a name are still one index range.
 */

/** What the statement's pieces share: the window's ends as SQL, and the pre window's length. */
export interface SummaryBounds {
  readonly environmentId: string
  readonly from: RawBuilder<unknown>
  readonly to: RawBuilder<unknown>
  /** The pre window as an interval; `null` without one. */
  readonly pre: RawBuilder<unknown> | null
}

const DAY_SECONDS = 86_400

/** The pre window of `days` as an interval of seconds (never calendar days, which DST would stretch). */
export const preInterval = (days: number | undefined): RawBuilder<unknown> | null =>
  days === undefined || days <= 0 ? null : sql`(${days * DAY_SECONDS}::float8 * interval '1 second')`

export const column = (prefix: string, i: number) => sql.ref(`${prefix}${i}`)

/** A stored value as summed: `NaN` outside the bound, so the sums it enters are `NaN`, never an overflow. */
const VALUE = sql`case when abs(event.value) > ${sql.lit(MAX_EVENT_VALUE)} then 'NaN' else event.value end`

/**
 * One identity's events of `name`: counted from its first exposure (`n`, `v`), before it in the
 * window (`b`, for data quality) and, with a pre window, in it (`pn`, `pv`). The range starts at
 * the window's start or the pre window's, whichever is earlier.
 */
export function eventLookup(
  t: ExperimentDataTables,
  bounds: SummaryBounds,
  name: string,
  i: number,
): RawBuilder<unknown> {
  const { environmentId, from, to, pre } = bounds
  const after = sql`event.at >= exposed.first_at`
  const preStart = pre === null ? null : sql`exposed.first_at - ${pre}`
  const inPre = sql`event.at >= ${preStart} and event.at < exposed.first_at`
  const preColumns =
    preStart === null
      ? sql``
      : sql`, count(*) filter (where ${inPre})::float8 as ${column('pn', i)},
          coalesce(sum(${VALUE}) filter (where ${inPre}), 0) as ${column('pv', i)}`
  const range =
    preStart === null
      ? sql`event.at between ${from} and ${to}`
      : sql`event.at >= least(${from}, ${preStart}) and event.at <= ${to}`
  return sql`
      cross join lateral (
        select count(*) filter (where ${after})::float8 as ${column('n', i)},
          coalesce(sum(${VALUE}) filter (where ${after}), 0) as ${column('v', i)},
          count(*) filter (where event.at >= ${from} and event.at < exposed.first_at) as ${column('b', i)}
          ${preColumns}
        from ${t.events} as event
        where exposed.in_window = 1 and event.environment_id = ${environmentId}
          and event.event = ${name} and event.identity = exposed.identity and ${range}
      ) as ${sql.ref(`e${i}`)}`
}

/** The per-identity columns `per_identity` passes on for name `i`. */
export const identityColumns = (i: number, withPre: boolean) =>
  withPre
    ? sql`, ${column('n', i)}, ${column('v', i)}, ${column('pn', i)}, ${column('pv', i)}`
    : sql`, ${column('n', i)}, ${column('v', i)}`

/** The sums per variant of name `i`: identities with events, counts and values, with their squares and, with a pre window, the pre figures and products. */
export function variantSums(i: number, withPre: boolean): RawBuilder<unknown> {
  const [n, v] = [column('n', i), column('v', i)]
  const sums = sql`, count(*) filter (where ${n} > 0)::int as ${column('i', i)},
      sum(${n}) as ${column('c', i)}, sum(${n} * ${n}) as ${column('cc', i)},
      sum(${v}) as ${column('s', i)}, sum(${v} * ${v}) as ${column('ss', i)}`
  if (!withPre) return sums
  const [pn, pv] = [column('pn', i), column('pv', i)]
  return sql`${sums}, count(*) filter (where ${pn} > 0)::int as ${column('pi', i)},
      sum(${pn}) as ${column('pc', i)}, sum(${pn} * ${pn}) as ${column('pcc', i)},
      sum(${pv}) as ${column('ps', i)}, sum(${pv} * ${pv}) as ${column('pss', i)},
      count(*) filter (where ${pn} > 0 and ${n} > 0)::int as ${column('bi', i)},
      sum(${pn} * ${n}) as ${column('cp', i)}, sum(${pv} * ${v}) as ${column('sp', i)}`
}

/** The names of the unpivoted columns, in the order {@link unpivotRow} gives them. */
export const EVENT_COLUMNS = [
  'event',
  'identities',
  'count_sum',
  'count_squares',
  'value_sum',
  'value_squares',
  'pre_identities',
  'pre_count_sum',
  'pre_count_squares',
  'pre_value_sum',
  'pre_value_squares',
  'both_identities',
  'count_products',
  'value_products',
] as const

const NO_PRE = sql`null::int, null::float8, null::float8, null::float8, null::float8, null::int, null::float8, null::float8`

/** Name `i`'s sums of one variant as one row of {@link EVENT_COLUMNS}. */
export function unpivotRow(name: string, i: number, withPre: boolean): RawBuilder<unknown> {
  const plain = ['i', 'c', 'cc', 's', 'ss'].map((prefix) => column(prefix, i))
  const pre = withPre
    ? sql.join(['pi', 'pc', 'pcc', 'ps', 'pss', 'bi', 'cp', 'sp'].map((prefix) => column(prefix, i)))
    : NO_PRE
  return sql`(${name}::text, ${sql.join(plain)}, ${pre})`
}
