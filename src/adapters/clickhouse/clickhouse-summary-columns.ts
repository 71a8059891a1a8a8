import { MAX_EVENT_VALUE } from '../../core/domain/ingest-input.js'

/*
 * The per-event-name pieces of the ClickHouse summary statement (`summaryStatement`): one
 * identity's figures of one name, and how they add up per variant. With a pre window the same
 * group of an identity's events (read from its pre window's start) is split at its first exposure.
 */

const DAY_MILLISECONDS = 86_400_000

/**
 * The pre window of `days` in milliseconds, or `null` without one: an exact length, so that a
 * daylight saving change never stretches it (the times are UTC instants anyway).
 */
export const preMilliseconds = (days: number | undefined): number | null =>
  days === undefined || days <= 0 ? null : Math.round(days * DAY_MILLISECONDS)

/**
 * An event's value in a sum: a missing value adds 0, and a value beyond ±1e15 (the bound the
 * service enforces; one stored around it) is `nan`, so that the sums it enters are not finite and
 * their figures `null`, as on every adapter — never an error.
 */
const BOUNDED_VALUE = `if(abs(ifNull(e.fx_value, 0)) <= ${MAX_EVENT_VALUE}, ifNull(e.fx_value, 0), nan)`

/** One identity's figures of name `i`: from its first exposure (`c`, `v`) and in its pre window (`pc`, `pv`). */
interface Figures {
  readonly c: string
  readonly v: string
  readonly pc: string
  readonly pv: string
}

const figures = (i: number): Figures => ({ c: `c${i}`, v: `v${i}`, pc: `pc${i}`, pv: `pv${i}` })

type Sum = (figures: Figures) => string

/** The per-variant sums of a name, each from its identities' figures. */
const PLAIN_SUMS: Readonly<Record<string, Sum>> = {
  identities: ({ c }) => `countIf(${c} > 0)`,
  count_sum: ({ c }) => `toFloat64(sum(${c}))`,
  count_squares: ({ c }) => `toFloat64(sum(${c} * ${c}))`,
  value_sum: ({ v }) => `sum(${v})`,
  value_squares: ({ v }) => `sum(${v} * ${v})`,
}

/**
 * The per-variant pre-window sums of a name (the same sums of the pre-window figures, `pre_`
 * before each name) and the products with the figures after.
 */
const PRE_SUMS: Readonly<Record<string, Sum>> = {
  ...Object.fromEntries(
    Object.entries(PLAIN_SUMS).map(([name, sum]): [string, Sum] => [
      `pre_${name}`,
      (f) => sum({ ...f, c: f.pc, v: f.pv }),
    ]),
  ),
  both_identities: ({ c, pc }) => `countIf(${pc} > 0 AND ${c} > 0)`,
  count_products: ({ c, pc }) => `toFloat64(sum(${pc} * ${c}))`,
  value_products: ({ v, pv }) => `sum(${pv} * ${v})`,
}

const sumsOf = (withPre: boolean) => (withPre ? { ...PLAIN_SUMS, ...PRE_SUMS } : PLAIN_SUMS)

/** The per-variant columns of name `i`, in statement order. */
export function sumColumns(i: number, withPre: boolean): string[] {
  return Object.keys(sumsOf(withPre)).map((name) => `${name}_${i}`)
}

/** Name `i`'s figures of one identity (its events grouped, `e` joined to its exposure `x`). */
export function identityFigures(i: number, withPre: boolean): string {
  const { c, v, pc, pv } = figures(i)
  const name = `e.fx_event = {name${i}:String}`
  const after = `${name} AND e.fx_at >= x.fx_first_at`
  const plain = `countIf(${after}) AS ${c}, sumIf(${BOUNDED_VALUE}, ${after}) AS ${v}`
  if (!withPre) return plain
  const before = `${name} AND e.fx_at >= subtractMilliseconds(x.fx_first_at, {pre:Int64}) AND e.fx_at < x.fx_first_at`
  return `${plain}, countIf(${before}) AS ${pc}, sumIf(${BOUNDED_VALUE}, ${before}) AS ${pv}`
}

/** Name `i`'s sums over the identities of one variant. */
export function variantSums(i: number, withPre: boolean): string {
  return Object.entries(sumsOf(withPre))
    .map(([name, sum]) => `${sum(figures(i))} AS ${name}_${i}`)
    .join(', ')
}

/** Name `i`'s sums as zeros, for the part of the statement that only counts identities. */
export function zeroSums(i: number, withPre: boolean): string {
  return Object.keys(sumsOf(withPre))
    .map((name) => `${name.endsWith('identities') ? 'toUInt64(0)' : 'toFloat64(0)'} AS ${name}_${i}`)
    .join(', ')
}
