import { normalQuantile } from './normal-quantile.js'

/**
 * How the p-values of an experiment's primary and secondary comparisons are corrected for being
 * read together: `holm` (Holm–Bonferroni, the default) keeps the chance of any false winner or
 * loser below α; `benjamini-hochberg` keeps the expected share of false ones among those called
 * below α; `none` reads every comparison alone.
 *
 * @example
 * ```ts
 * CORRECTIONS.includes('holm') // true
 * ```
 */
export const CORRECTIONS = ['holm', 'benjamini-hochberg', 'none'] as const
/** One of {@link CORRECTIONS}. */
export type Correction = (typeof CORRECTIONS)[number]

/**
 * Holm–Bonferroni adjusted p-values, in the input's order: sorted ascending, the i-th smallest
 * (from 0) becomes min(1, p·(m − i)), then each is raised to the largest before it.
 *
 * @example
 * ```ts
 * holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 * ```
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length
  const order = pValues.map((_, i) => i).sort((a, b) => at(pValues, a) - at(pValues, b))
  const adjusted = new Array<number>(m)
  let running = 0
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(at(pValues, index) * (m - rank), 1))
    adjusted[index] = running
  })
  return adjusted
}

/**
 * Benjamini–Hochberg adjusted p-values, in the input's order: sorted descending, the i-th largest
 * (from 0) becomes min(1, p·m/(m − i)), then each is lowered to the smallest before it.
 *
 * @example
 * ```ts
 * benjaminiHochbergAdjust([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 * ```
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length
  const order = pValues.map((_, i) => i).sort((a, b) => at(pValues, b) - at(pValues, a))
  const adjusted = new Array<number>(m)
  let running = 1
  order.forEach((index, rank) => {
    running = Math.min(running, Math.min((at(pValues, index) * m) / (m - rank), 1))
    adjusted[index] = running
  })
  return adjusted
}

/**
 * The p-values corrected as `correction` says ({@link holmAdjust}, {@link benjaminiHochbergAdjust}
 * or unchanged for `none`).
 *
 * @example
 * ```ts
 * adjustPValues([0.01, 0.04], 'holm') // [0.02, 0.04]
 * ```
 */
export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  if (correction === 'holm') return holmAdjust(pValues)
  if (correction === 'benjamini-hochberg') return benjaminiHochbergAdjust(pValues)
  return [...pValues]
}

/**
 * The interval widened to agree with an adjusted p-value: the standard error implied by the
 * adjusted p-value, |lift|/Φ⁻¹(1 − p_adj/2), times Φ⁻¹(1 − α/2) on each side of the lift. It
 * replaces the shown interval only when wider on both sides (a correction never narrows one); an
 * adjusted p-value above 0.999999 gives (−∞, +∞), and a lift of 0 leaves the interval as it was.
 * So the interval excludes 0 exactly when the adjusted p-value is below α.
 *
 * @example
 * ```ts
 * adjustedInterval({ low: 0.02, high: 0.18 }, 0.1, 0.04, 0.05) // { low: 0.0046…, high: 0.1953… }
 * ```
 */
export function adjustedInterval(
  interval: { readonly low: number; readonly high: number },
  lift: number,
  adjustedPValue: number,
  alpha: number,
): { low: number; high: number } {
  if (adjustedPValue > 0.999999) return { low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY }
  if (lift === 0) return { low: interval.low, high: interval.high }
  const width = normalQuantile(1 - alpha / 2) * Math.abs(lift / normalQuantile(1 - adjustedPValue / 2))
  const low = lift - width
  const high = lift + width
  return low < interval.low && high > interval.high
    ? { low, high }
    : { low: interval.low, high: interval.high }
}

const at = (values: readonly number[], index: number): number => values[index] as number
