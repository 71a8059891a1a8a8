import type { Comparison } from './compare-variants.js'
import type { ExpectedDirection, MetricRole, Verdict } from './metric-roles.js'

/** The confidence of every interval a verdict reads: 95%. */
export const VERDICT_THRESHOLD = 0.95

/**
 * Reads a comparison's shown interval as a verdict for a metric's role and expected direction.
 *
 * The interval is that of the relative lift, as shown to the reader (sequential or fixed, widened
 * by the multiple-comparison correction). A primary or secondary metric is `winning` exactly when
 * the interval lies wholly on the hoped-for side of 0, `losing` when it lies wholly on the other
 * side, and `inconclusive` when it contains 0. A guardrail is `violated` when the interval lies
 * wholly on the forbidden side of 0, otherwise `ok`. No comparison gives `insufficient_data`.
 *
 * Roles and directions are meant to be paired as experiments are designed (`increase`/`decrease`
 * for primary and secondary, `not_increase`/`not_decrease` for guardrails); any other pairing is
 * read the natural way — `decrease` for a guardrail forbids going up, `not_decrease` for a primary
 * metric hopes for going up.
 *
 * @example
 * ```ts
 * verdict('primary', 'increase', { ciLow: 0.01, ciHigh: 0.09 }) // 'winning'
 * verdict('primary', 'increase', { ciLow: -0.01, ciHigh: 0.09 }) // 'inconclusive'
 * verdict('guardrail', 'not_increase', { ciLow: 0.01, ciHigh: 0.09 }) // 'violated'
 * verdict('secondary', 'decrease', null) // 'insufficient_data'
 * ```
 */
export function verdict(
  role: MetricRole,
  expectedDirection: ExpectedDirection,
  comparison: Pick<Comparison, 'ciLow' | 'ciHigh'> | null,
): Verdict {
  if (comparison === null) return 'insufficient_data'
  const wentUp = comparison.ciLow > 0
  const wentDown = comparison.ciHigh < 0
  const upIsGood = expectedDirection === 'increase' || expectedDirection === 'not_decrease'
  const wentGoodWay = upIsGood ? wentUp : wentDown
  const wentBadWay = upIsGood ? wentDown : wentUp
  if (role === 'guardrail') return wentBadWay ? 'violated' : 'ok'
  if (wentGoodWay) return 'winning'
  if (wentBadWay) return 'losing'
  return 'inconclusive'
}
