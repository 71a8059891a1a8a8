import type { AttachedMetric } from './experiment-metrics.js'
import type { VariantSums } from './experiment-summary.js'
import type { MetricResult, VariantComparison } from './metric-result.js'
import type { ResultsSettings } from './statistics/analysis-settings.js'
import { cupedStatus } from './statistics/cuped-status.js'
import { analyzeComparison, type AnalyzedComparison, type ArmSums } from './statistics/analyze-comparison.js'
import { adjustedInterval, adjustPValues } from './statistics/multiple-comparisons.js'
import { daysToDetect, sampleGuidance } from './statistics/sample-guidance.js'
import { summaryStatistics } from './statistics/summary-statistics.js'
import { verdict } from './statistics/verdict.js'

const DAY_MS = 86_400_000
const EMPTY_ARM: ArmSums = { n: 0, sum: 0, sumSquares: 0 }

/** One variant's comparison before the correction, with the arms it came from. */
type Draft = {
  readonly metric: AttachedMetric
  readonly variant: string
  readonly arm: ArmSums
  readonly comparison: AnalyzedComparison | null
  readonly enough: boolean
}

/**
 * Every metric's comparisons, read as `settings` say: each variant against the control (the
 * rollout's first variant), the p-values of the primary and secondary comparisons corrected
 * together (guardrails apart) with their intervals widened to match, verdicts read from the
 * intervals shown, no verdict below the minimum sample, and the sample still needed to detect
 * the minimum effect, and whether CUPED adjusted the metric (`cuped`). Also returns the metrics
 * CUPED adjusted.
 *
 * @example
 * ```ts
 * metricResults(experiment.metrics, variants, summary.metrics, window, resultsSettings())
 * ```
 */
export function metricResults(
  metrics: readonly AttachedMetric[],
  variants: readonly { readonly variant: string }[],
  sums: readonly { readonly metricId: string; readonly variants: readonly VariantSums[] }[],
  window: { readonly from: Date; readonly to: Date },
  settings: ResultsSettings,
): { metrics: MetricResult[]; cupedMetrics: string[] } {
  const [first, ...others] = variants
  const controlKey = first?.variant ?? ''
  const armsOf = (metricId: string) => sums.find((m) => m.metricId === metricId)?.variants ?? []
  const armOf = (metricId: string, variant: string): ArmSums =>
    armsOf(metricId).find((s) => s.variant === variant) ?? EMPTY_ARM
  const drafts = metrics.map((metric) => {
    const control = armOf(metric.metricId, controlKey)
    return others.map(({ variant }): Draft => {
      const arm = armOf(metric.metricId, variant)
      const comparison = analyzeComparison(control, arm, settings.analysis)
      return { metric, variant, arm, comparison, enough: hasMinimumSample(metric, control, arm, settings) }
    })
  })
  const corrected = correct(drafts.flat(), settings)
  const elapsedDays = (window.to.getTime() - window.from.getTime()) / DAY_MS
  const results = metrics.map((metric, i) => {
    const control = armOf(metric.metricId, controlKey)
    return {
      metric: metric.metricId,
      name: metric.name,
      role: metric.role,
      expectedDirection: metric.expectedDirection,
      aggregation: metric.aggregation,
      control: { variant: controlKey, n: control.n, mean: summaryStatistics(control).mean },
      variants: (drafts[i] ?? []).map((draft) => variantComparison(draft, corrected, elapsedDays, settings)),
      cuped: cupedStatus(
        (drafts[i] ?? []).map((d) => d.comparison?.cuped === true),
        armsOf(metric.metricId),
      ),
    }
  })
  const cupedMetrics = results.filter((m) => m.cuped === 'adjusted').map((m) => m.metric)
  return { metrics: results, cupedMetrics }
}

/** Each arm has the identities (and, for an occurrence metric, the conversions) the settings ask. */
function hasMinimumSample(
  metric: AttachedMetric,
  control: ArmSums,
  variant: ArmSums,
  settings: ResultsSettings,
) {
  const { identities, conversions } = settings.minimumSample
  const arms = [control, variant]
  return (
    arms.every((arm) => arm.n >= identities) &&
    (metric.aggregation !== 'occurrence' || arms.every((arm) => arm.sum >= conversions))
  )
}

/** The corrected p-value and interval of each primary or secondary comparison, by draft. */
type Corrected = Map<Draft, { pValue: number; low: number; high: number }>

function correct(drafts: readonly Draft[], settings: ResultsSettings): Corrected {
  const family = drafts.filter((d) => d.metric.role !== 'guardrail' && d.comparison !== null)
  const adjusted = adjustPValues(
    family.map((d) => (d.comparison as AnalyzedComparison).pValue),
    settings.correction,
  )
  return new Map(
    family.map((draft, i) => {
      const c = draft.comparison as AnalyzedComparison
      const pValue = adjusted[i] as number
      // An interval is widened only when the correction raised its p-value: a family of one (or a
      // p-value already at 1) keeps the interval of its own method, sequential or fixed.
      const shown = { low: c.ciLow, high: c.ciHigh }
      const interval =
        pValue > c.pValue ? adjustedInterval(shown, c.relativeLift, pValue, settings.analysis.alpha) : shown
      return [draft, { pValue, ...interval }]
    }),
  )
}

function variantComparison(
  draft: Draft,
  corrected: Corrected,
  elapsedDays: number,
  settings: ResultsSettings,
): VariantComparison {
  const { comparison, arm } = draft
  const mean = summaryStatistics(arm).mean
  if (comparison === null)
    return { ...emptyComparison(draft.variant, arm.n, mean), verdict: 'insufficient_data' }
  const shown = corrected.get(draft) ?? {
    pValue: comparison.pValue,
    low: comparison.ciLow,
    high: comparison.ciHigh,
  }
  const interval = { ciLow: shown.low, ciHigh: shown.high }
  return {
    variant: draft.variant,
    n: arm.n,
    mean,
    absoluteLift: comparison.absoluteLift,
    relativeLift: comparison.relativeLift,
    // An end the correction left unbounded is `null`: JSON has no infinity.
    ciLow: Number.isFinite(shown.low) ? shown.low : null,
    ciHigh: Number.isFinite(shown.high) ? shown.high : null,
    chanceToWin: comparison.chanceToWin,
    pValue: shown.pValue,
    pValueUnadjusted: comparison.pValue,
    verdict: draft.enough
      ? verdict(draft.metric.role, draft.metric.expectedDirection, interval)
      : 'insufficient_data',
    guidance: guidance(comparison, corrected.has(draft) ? corrected.size : 1, elapsedDays, settings),
  }
}

function emptyComparison(variant: string, n: number, mean: number | null) {
  const none = { absoluteLift: null, relativeLift: null, ciLow: null, ciHigh: null, chanceToWin: null }
  return { variant, n, mean, ...none, pValue: null, pValueUnadjusted: null, guidance: null }
}

/** "How much longer?": today's power, the identities still needed and the days they take. */
function guidance(
  comparison: AnalyzedComparison,
  tests: number,
  elapsedDays: number,
  settings: ResultsSettings,
) {
  if (!(comparison.standardError > 0)) return null
  const { analysis, correction } = settings
  const result = sampleGuidance(comparison.standardError ** 2, comparison.n, {
    alpha: analysis.alpha,
    minimumEffect: settings.guidance.minimumEffect,
    targetPower: settings.guidance.targetPower,
    tests: correction === 'none' ? 1 : Math.max(1, tests),
    goalMetrics: 1,
    sequentialTuning: analysis.method === 'sequential' ? analysis.sequentialTuning : null,
  })
  return {
    minimumEffect: settings.guidance.minimumEffect,
    power: result.power,
    additionalIdentities: result.additionalIdentities,
    days: daysToDetect(result.scalingFactor, elapsedDays),
  }
}
