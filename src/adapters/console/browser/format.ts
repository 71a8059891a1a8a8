/** A ratio as a signed percentage with one decimal: `0.041` → `+4.1%`, `-0.03` → `−3.0%`. */
export function signedPercent(ratio: number): string {
  const text = `${Math.abs(ratio * 100).toFixed(1)}%`
  if (text === '0.0%') return text
  return ratio > 0 ? `+${text}` : `\u2212${text}`
}

/** A probability or share as a percentage with one decimal: `0.973` → `97.3%`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`
}

/** A p-value as people read it: `< 0.001` below, three decimals otherwise. */
export function pValue(value: number): string {
  return value < 0.001 ? '< 0.001' : value.toFixed(3)
}

/** An ISO instant as a date and time in the reader's locale. */
export function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** `multiple_exposures` → `Multiple exposures`. */
export function humanize(key: string): string {
  const words = key.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A variant key as a name: `treatment` → `Treatment`. */
export function variantName(variant: string): string {
  return humanize(variant)
}

/** The interval part of a verdict: `(95% interval +1.2% to +7.0%)`. */
export function intervalText(low: number, high: number): string {
  return `(95% interval ${signedPercent(low)} to ${signedPercent(high)})`
}

/** One variant's figures on one metric, as the results body gives them. */
export interface Comparison {
  readonly variant: string
  readonly relative_lift: number | null
  readonly ci_low: number | null
  readonly ci_high: number | null
  readonly verdict: string
}

const OPENINGS: Readonly<Record<string, (variant: string, metric: string) => string>> = {
  winning: (v, m) => `${v} wins on ${m}`,
  losing: (v, m) => `${v} loses on ${m}`,
  inconclusive: (v, m) => `No clear difference yet between ${v} and the control on ${m}`,
  ok: (v, m) => `${v} keeps the ${m} guardrail`,
  violated: (v, m) => `${v} breaks the ${m} guardrail`,
}

/**
 * The verdict in words: "Treatment wins on Conversion: +4.1% (95% interval +1.2% to +7.0%)", or
 * "Not enough data yet …" while an arm has too few identities.
 */
export function verdictSentence(metric: string, comparison: Comparison): string {
  const variant = variantName(comparison.variant)
  const { relative_lift: lift, ci_low: low, ci_high: high } = comparison
  const opening = OPENINGS[comparison.verdict]
  if (opening === undefined || lift === null || low === null || high === null) {
    return `Not enough data yet to compare ${variant} with the control on ${metric}.`
  }
  return `${opening(variant, metric)}: ${signedPercent(lift)} ${intervalText(low, high)}`
}

/** A comparison's "how much longer?" figures, as the results body gives them. */
export interface Guidance {
  readonly minimum_effect: number
  readonly power: number
  readonly identities_needed: number | null
  readonly days_needed: number | null
}

/**
 * The answer to "how much longer?" in words: "Enough identities to detect a ±5.0% lift (power
 * now 83.0%)", "To detect a ±5.0% lift: about 12,400 more identities, about 6 days at the current
 * rate (power now 41.0%)", or that the lift is out of reach at the current variance.
 */
export function guidanceSentence(guidance: Guidance): string {
  const effect = `±${percent(guidance.minimum_effect)}`
  const power = `(power now ${percent(guidance.power)})`
  const needed = guidance.identities_needed
  if (needed === null) return `A ${effect} lift is out of reach at the current variance ${power}.`
  if (needed === 0) return `Enough identities to detect a ${effect} lift ${power}.`
  const days = guidance.days_needed === null ? null : Math.max(1, Math.ceil(guidance.days_needed))
  const time = days === null ? '' : `, about ${days} ${days === 1 ? 'day' : 'days'} at the current rate`
  return `To detect a ${effect} lift: about ${needed.toLocaleString('en')} more identities${time} ${power}.`
}

const CUPED_PHRASES: Readonly<Record<string, string>> = {
  adjusted: 'variance reduced with pre-exposure data (CUPED)',
  unadjusted: 'pre-exposure data could not reduce the variance',
  no_pre_exposure_data: 'no pre-exposure data (unadjusted)',
}

/** What CUPED did for a metric, in words; `null` for results that do not say (frozen before it existed). */
export function cupedPhrase(status: string | null | undefined): string | null {
  return status == null ? null : (CUPED_PHRASES[status] ?? null)
}
