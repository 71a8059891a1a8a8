/**
 * The text report of `npm run simulate`: an experiment's results as a terminal reads them, with
 * each variant's interval of the lift drawn as a bar around 0, whether that interval is sequential
 * or fixed, and for a comparison without a verdict yet how much longer it needs.
 *
 * @packageDocumentation
 */
import type { ExperimentsApiSchemas } from '../src/client.js'

type Experiment = ExperimentsApiSchemas['Experiment']
type Results = ExperimentsApiSchemas['ExperimentResults']
type MetricResult = ExperimentsApiSchemas['MetricResult']
type Analysis = ExperimentsApiSchemas['ResultsAnalysis']
type Comparison = ExperimentsApiSchemas['VariantComparison']

/** The width of the interval bar, in characters; odd, so that 0 has a column of its own. */
const BAR_WIDTH = 31

const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`
const signed = (value: number) => `${value >= 0 ? '+' : ''}${percent(value)}`
const orDash = <T>(value: T | null, show: (value: T) => string) => (value === null ? '—' : show(value))

/**
 * A text bar of an interval on a scale from `-span` to `+span`: `=` over the interval, `●` at
 * the estimate, `|` at 0, `<` or `>` where the interval runs off the scale.
 *
 * @example
 * ```ts
 * intervalBar(-0.05, 0.25, 0.1, 0.5) // '               |=●=====        ' (roughly)
 * ```
 */
export function intervalBar(low: number, high: number, estimate: number, span: number): string {
  const half = (BAR_WIDTH - 1) / 2
  const column = (value: number) => Math.round(half + (value / span) * half)
  const clamp = (c: number) => Math.min(BAR_WIDTH - 1, Math.max(0, c))
  const cells = Array.from({ length: BAR_WIDTH }, () => ' ')
  for (let c = clamp(column(low)); c <= clamp(column(high)); c++) cells[c] = '='
  cells[half] = cells[half] === '=' ? '|' : '¦'
  if (column(low) < 0) cells[0] = '<'
  if (column(high) > BAR_WIDTH - 1) cells[BAR_WIDTH - 1] = '>'
  cells[clamp(column(estimate))] = '●'
  return cells.join('')
}

/** A scale that holds every interval of a metric: the next of 5%, 10%, 25%, 50%, 100%, … */
function spanOf(metric: MetricResult): number {
  const widest = Math.max(
    0,
    ...metric.variants.flatMap((v) => [Math.abs(v.ci_low ?? 0), Math.abs(v.ci_high ?? 0)]),
  )
  for (const span of [0.05, 0.1, 0.25, 0.5, 1]) if (widest <= span) return span
  return Math.ceil(widest)
}

/** Pads every column of `rows` to its widest cell. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => [...(row[i] ?? '')].length))) ?? []
  return rows.map((row) =>
    row
      .map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))
      .join('  ')
      .trimEnd(),
  )
}

const CORRECTION_NAMES = { holm: 'Holm', 'benjamini-hochberg': 'Benjamini–Hochberg', none: 'no' } as const

/** A span of days read at a glance: minutes, hours or days. */
function duration(days: number): string {
  if (days < 1 / 24) return `${Math.max(1, Math.round(days * 24 * 60))} min`
  if (days < 1) return `${(days * 24).toFixed(1)} h`
  return `${days.toFixed(1)} days`
}

/** How the metric's intervals were built: sequential or fixed, the correction, CUPED. */
function analysisLine(metric: MetricResult, analysis: Analysis): string {
  const method =
    analysis.method === 'sequential'
      ? `sequential interval (valid at every look, tightest at N = ${analysis.sequential_tuning})`
      : 'fixed interval (valid for one look at a sample chosen in advance)'
  const correction = metric.role === 'guardrail' ? 'no' : CORRECTION_NAMES[analysis.correction]
  const cuped = analysis.cuped_metrics.includes(metric.metric) ? ', CUPED-adjusted' : ''
  return `  ${method}, ${correction} correction${cuped}`
}

/** "How much longer?" for a comparison without a verdict yet; `null` for the others. */
function guidanceLine(v: Comparison, analysis: Analysis | null): string | null {
  if (v.guidance === null || (v.verdict !== 'inconclusive' && v.verdict !== 'insufficient_data')) return null
  const { power, identities_needed: needed, days_needed: days, minimum_effect: effect } = v.guidance
  const target = analysis === null ? 'the target' : percent(analysis.guidance.target_power, 0)
  const now = `${v.variant}: ${percent(power)} power for a ±${percent(effect, 0)} lift so far`
  if (needed === null) return `  → ${now}; ${target} is out of reach at this rate`
  if (needed === 0) return `  → ${now}; enough identities for ${target}`
  const when = days === null ? '' : `, ~${duration(days)} at the current rate`
  return `  → ${now}; ${target} needs ~${needed} more identities${when}`
}

/** The table of one metric: the control, then each variant against it, then how much longer. */
function metricTable(metric: MetricResult, analysis: Analysis | null): string[] {
  const span = spanOf(metric)
  const scale =
    `-${percent(span, 0)}`.padEnd((BAR_WIDTH - 1) / 2) +
    '0' +
    `+${percent(span, 0)}`.padStart((BAR_WIDTH - 1) / 2)
  const level = analysis === null ? 95 : Math.round((1 - analysis.alpha) * 1000) / 10
  const rows: string[][] = [
    ['variant', 'n', 'mean', 'lift', `${level}% interval`, scale, 'chance to win', 'verdict'],
    [
      metric.control.variant,
      String(metric.control.n),
      orDash(metric.control.mean, (m) => m.toFixed(4)),
      'control',
      '',
      '',
      '',
      '',
    ],
  ]
  for (const v of metric.variants) {
    const interval =
      v.ci_low === null || v.ci_high === null ? '—' : `[${signed(v.ci_low)}, ${signed(v.ci_high)}]`
    const bar =
      v.ci_low === null || v.ci_high === null || v.relative_lift === null
        ? ''
        : intervalBar(v.ci_low, v.ci_high, v.relative_lift, span)
    rows.push([
      v.variant,
      String(v.n),
      orDash(v.mean, (m) => m.toFixed(4)),
      orDash(v.relative_lift, signed),
      interval,
      bar,
      orDash(v.chance_to_win, (c) => percent(c)),
      v.verdict.replace('_', ' '),
    ])
  }
  const heading = `${metric.name} — ${metric.role}, ${metric.aggregation}, expected to ${metric.expected_direction.replace('_', ' ')}`
  const method = analysis === null ? [] : [analysisLine(metric, analysis)]
  const guidance = metric.variants.flatMap((v) => guidanceLine(v, analysis) ?? [])
  return [heading, ...method, ...table(rows).map((line) => `  ${line}`), ...guidance]
}

/**
 * The report of a simulated experiment: what ran, the exposures per variant, the SRM line, and
 * one table per metric.
 *
 * @example
 * ```ts
 * console.log(formatResults(experiment, results, { environmentKey: 'dev', identities: 4000 }))
 * ```
 */
export function formatResults(
  experiment: Experiment,
  results: Results,
  context: { readonly environmentKey: string; readonly identities: number },
): string {
  const total = results.variants.reduce((sum, v) => sum + v.exposures, 0)
  const exposures = results.variants
    .map(
      (v) =>
        `${v.variant} ${v.exposures} (${total === 0 ? '0' : percent(v.exposures / total)}, weight ${v.weight}%)`,
    )
    .join(', ')
  const srm =
    results.srm === null
      ? 'SRM: not computed (no exposures, or fewer than two weighted variants)'
      : `SRM: p = ${results.srm.p_value.toFixed(4)} — ${results.srm.mismatch ? 'MISMATCH: the split is broken, do not trust these results' : 'no mismatch'}`
  const lines = [
    `Experiment "${experiment.name}" (${experiment.id}) on feature ${experiment.feature} in ${context.environmentKey}: ${experiment.status}`,
    `Results ${results.is_final ? 'final' : 'so far'}, as of ${results.as_of}, window ${results.window === null ? 'none' : `${results.window.from} → ${results.window.to}`}`,
    `Visitors ${context.identities}; exposed: ${exposures}; multiple exposures ${results.multiple_exposures}`,
    srm,
  ]
  for (const metric of results.metrics) lines.push('', ...metricTable(metric, results.analysis))
  return lines.join('\n')
}
