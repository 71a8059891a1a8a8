import type { SummaryQuery } from '../../ports/experiment-data.js'
import {
  identityFigures,
  preMilliseconds,
  sumColumns,
  variantSums,
  zeroSums,
} from './clickhouse-summary-columns.js'

/** Where `summarize` reads exposures and events: quoted table and column references only. */
export interface SummarySource {
  readonly exposures: {
    readonly table: string
    readonly experimentId: string
    /** The ClickHouse type the experiment id is compared as (`UUID`, or `String` in a host's table). */
    readonly experimentIdType: 'UUID' | 'String'
    readonly identity: string
    readonly variant: string
    readonly at: string
  }
  readonly events: {
    readonly table: string
    /** Read `FINAL`, so that copies of one event not yet merged count once. */
    readonly final: boolean
    /** The environment column; `null` when every row of the table is the environment's. */
    readonly environmentId: string | null
    readonly identity: string
    readonly event: string
    /** The value column; `null` when events carry none (a `sum` is then 0). */
    readonly value: string | null
    readonly at: string
  }
  /** Run per shard on this cluster (the tables named are then the shards' local tables). */
  readonly cluster: string | null
}

/** One statement and the values it binds. */
export interface BoundStatement {
  readonly query: string
  readonly params: Readonly<Record<string, unknown>>
}

const TIME = "DateTime64(3, 'UTC')"

/** The earliest time a `DateTime64` holds: nothing stored is earlier, so no read starts before it. */
const EARLIEST = Date.UTC(1900, 0, 1)

/**
 * Infinities written as text (JSON has no number for them), and 64-bit counts as numbers (which
 * servers of older versions quote by default), for this statement only.
 */
const OUTPUT = 'output_format_json_quote_denormals = 1, output_format_json_quote_64bit_integers = 0'

/** `2030-01-01 00:00:00.000`: an instant as a UTC `DateTime64(3)` parameter reads it. */
export function clickHouseTime(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '')
}

/**
 * Every identity of the experiment's exposures, read once: how many of its variants were first
 * exposed before the window, after it and in it, and in it its variant and first exposure (the
 * first time of each (identity, variant) is the earliest of its rows, so copies and a host's
 * repeated exposures change nothing).
 */
function exposedSql(s: SummarySource['exposures']): string {
  const inWindow = `fx_first >= {from:${TIME}} AND fx_first <= {to:${TIME}}`
  return `SELECT fx_identity, countIf(fx_first < {from:${TIME}}) AS fx_before,
      countIf(fx_first > {to:${TIME}}) AS fx_after, countIf(${inWindow}) AS fx_in,
      minIf(fx_variant, ${inWindow}) AS fx_chosen, minIf(fx_first, ${inWindow}) AS fx_first_at
    FROM (
      SELECT ${s.identity} AS fx_identity, ${s.variant} AS fx_variant, min(${s.at}) AS fx_first
      FROM ${s.table}
      WHERE ${s.experimentId} = {experiment:${s.experimentIdType}}
      GROUP BY fx_identity, fx_variant
    )
    GROUP BY fx_identity`
}

/**
 * The environment's events of the queried names that a counted identity's figures can read: from
 * the window's start (or, with a pre window, that much earlier: no identity's pre window starts
 * before) to its end.
 */
function eventsSql(s: SummarySource['events']): string {
  const environment = s.environmentId === null ? '' : `${s.environmentId} = {environment:String} AND `
  const value = s.value === null ? "CAST(NULL, 'Nullable(Float64)')" : `toFloat64(${s.value})`
  return `SELECT ${s.identity} AS fx_identity, ${s.event} AS fx_event, ${value} AS fx_value, ${s.at} AS fx_at
    FROM ${s.table}${s.final ? ' FINAL' : ''}
    WHERE ${environment}${s.event} IN {names:Array(String)}
      AND ${s.at} >= {read_from:${TIME}} AND ${s.at} <= {to:${TIME}}`
}

/** The data-quality columns every row carries, summed with the rest. */
const QUALITY = ['before_window', 'after_window', 'before_exposure'] as const

/**
 * The whole summary in one statement that reads the experiment's exposures and the events (`FINAL`)
 * once each: per variant (and one row, `clean = 0`, for the multiple-exposure identities and those
 * exposed only outside the window) the identities counted, per queried event name how many of
 * them have a counted event and the sums and sums of squares of their counts and value sums, with
 * a pre window the same of their events in it and the sums of pre · post products
 * (`clickhouse-summary-columns.ts`), and the data-quality counts. Two parts added up per variant:
 * the exposed identities with their exposures outside the window, and the counted identities
 * with events, each one group of its events from the window's start (or its pre window's, when
 * earlier) on, split at its first exposure (the join's right side is the exposed identities, so
 * the hash table holds identities, not events; identities without events add 0 to every sum).
 * On a cluster both parts run on each shard over its local tables (`cluster(…, view(…))`), the
 * identities of one shard never being on another, and only the per-variant sums are added up.
 */
export function summaryStatement(source: SummarySource, query: SummaryQuery): BoundStatement {
  const names = [...new Set(query.metrics.map((m) => m.event))]
  const withPre = preMilliseconds(query.preExposureDays) !== null
  const perName = (part: (i: number, withPre: boolean) => string) =>
    names.map((_, i) => `, ${part(i, withPre)}`).join('')
  const readFrom = withPre
    ? `WHERE e.fx_at >= least({from:${TIME}}, subtractMilliseconds(x.fx_first_at, {pre:Int64}))`
    : ''
  const exposed = exposedSql(source.exposures)
  const shard = `SELECT fx_in = 1 AS clean, if(clean, fx_chosen, '') AS variant, countIf(fx_in > 0) AS identities,
      sum(fx_before) AS before_window, sum(fx_after) AS after_window, toUInt64(0) AS before_exposure${perName(zeroSums)}
    FROM (${exposed})
    GROUP BY clean, variant
    UNION ALL
    SELECT toUInt8(1) AS clean, fx_chosen AS variant, toUInt64(0) AS identities, toUInt64(0) AS before_window,
      toUInt64(0) AS after_window, sum(fx_early) AS before_exposure${perName(variantSums)}
    FROM (
      SELECT x.fx_identity, any(x.fx_chosen) AS fx_chosen,
        countIf(e.fx_at >= {from:${TIME}} AND e.fx_at < x.fx_first_at) AS fx_early${perName(identityFigures)}
      FROM (${eventsSql(source.events)}) AS e
      INNER JOIN (SELECT fx_identity, fx_chosen, fx_first_at FROM (${exposed}) WHERE fx_in = 1) AS x
        ON e.fx_identity = x.fx_identity
      ${readFrom}
      GROUP BY x.fx_identity
    )
    GROUP BY variant`
  const params: Record<string, unknown> = {
    ...windowParams(query),
    ...Object.fromEntries(names.map((name, i) => [`name${i}`, name])),
  }
  const sums = ['identities', ...QUALITY, ...names.flatMap((_, i) => sumColumns(i, withPre))]
  const from = source.cluster === null ? `(${shard})` : `cluster('${source.cluster}', view(${shard}))`
  return {
    query: `SELECT clean, variant, ${sums.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM ${from}
  GROUP BY clean, variant
  SETTINGS ${OUTPUT}, prefer_column_name_to_alias = 1`,
    params,
  }
}

/**
 * The experiment, environment, window, event names and pre window (in milliseconds, 0 without
 * one) a statement binds, and the earliest time its events are read from.
 */
function windowParams(query: SummaryQuery): Record<string, unknown> {
  const pre = preMilliseconds(query.preExposureDays) ?? 0
  return {
    experiment: query.experimentId,
    environment: query.environmentId,
    from: clickHouseTime(query.window.from),
    to: clickHouseTime(query.window.to),
    read_from: clickHouseTime(new Date(Math.max(query.window.from.getTime() - pre, EARLIEST))),
    pre,
    names: [...new Set(query.metrics.map((m) => m.event))],
  }
}
