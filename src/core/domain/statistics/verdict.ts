import type { Comparison } from './compare-variants.js'
import type { ExpectedDirection, MetricRole, Verdict } from './metric-roles.js'

/** The chance a movement must reach for a verdict to be called: 95%. */
export const VERDICT_THRESHOLD = 0.95
/** At or below this chance of going up, the metric went down with a chance of at least 95%. */
const DOWN_THRESHOLD = 0.05

/**
 * Reads a comparison as a verdict for a metric's role and expected direction.
 *
 * `chanceToWin` is always the probability that the variant's mean is above the control's; the
 * direction says which way is good. A primary or secondary metric is `winning` when the chance
 * that it moved the hoped-for way is at least 95%, `losing` when that chance is at most 5%, and
 * `inconclusive` in between. A guardrail is `violated` when the chance that it moved the forbidden
 * way is at least 95%, otherwise `ok`. No comparison gives `insufficient_data`.
 *
 * Roles and directions are meant to be paired as experiments are designed (`increase`/`decrease`
 * for primary and secondary, `not_increase`/`not_decrease` for guardrails); any other pairing is
 * read the natural way — `decrease` for a guardrail forbids going up, `not_decrease` for a primary
 * metric hopes for going up.
 *
 * @example
 * ```ts
 * verdict('primary', 'increase', { ...comparison, chanceToWin: 0.97 }) // 'winning'
 * verdict('guardrail', 'not_increase', { ...comparison, chanceToWin: 0.97 }) // 'violated'
 * verdict('secondary', 'decrease', null) // 'insufficient_data'
 * ```
 */
export function verdict(
  role: MetricRole,
  expectedDirection: ExpectedDirection,
  comparison: Pick<Comparison, 'chanceToWin'> | null,
): Verdict {
  if (comparison === null) return 'insufficient_data'
  // Compared with both thresholds directly rather than through 1 − chance, so that a chance of
  // exactly 0.05 or 0.95 is called the same way in both directions.
  const wentUp = comparison.chanceToWin >= VERDICT_THRESHOLD
  const wentDown = comparison.chanceToWin <= DOWN_THRESHOLD
  const upIsGood = expectedDirection === 'increase' || expectedDirection === 'not_decrease'
  const wentGoodWay = upIsGood ? wentUp : wentDown
  const wentBadWay = upIsGood ? wentDown : wentUp
  if (role === 'guardrail') return wentBadWay ? 'violated' : 'ok'
  if (wentGoodWay) return 'winning'
  if (wentBadWay) return 'losing'
  return 'inconclusive'
}
