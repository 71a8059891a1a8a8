import { call, expectStatus } from './api.js'
import { intervalBar, liftPoint, scaleOf } from './charts.js'
import { h, show, type Child } from './dom.js'
import {
  humanize,
  intervalText,
  pValue,
  percent,
  signedPercent,
  variantName,
  verdictSentence,
  when,
} from './format.js'
import { resultsHistoryView } from './results-history-view.js'
import {
  environmentPath,
  type ComparisonJson,
  type ExperimentJson,
  type MetricResultJson,
  type ResultsHistoryJson,
  type ResultsJson,
  type ViewContext,
} from './wire.js'

/** The comparison fields every server sends; any other one is shown as an extra figure. */
const KNOWN = new Set([
  'variant',
  'n',
  'mean',
  'absolute_lift',
  'relative_lift',
  'ci_low',
  'ci_high',
  'chance_to_win',
  'p_value',
  'verdict',
])

/** A value of a field this console does not know by name, readably. */
function extraValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Figures a newer server adds (adjusted p-values, sequential intervals…), as a list when present. */
function extras(source: object): HTMLElement | null {
  const entries = Object.entries(source).filter(
    ([key, value]) => !KNOWN.has(key) && value !== null && value !== undefined,
  )
  if (entries.length === 0) return null
  return h(
    'dl',
    { class: 'facts extras' },
    entries.map(([key, value]) => [h('dt', {}, humanize(key)), h('dd', {}, extraValue(value))]),
  )
}

function comparisonRow(metric: MetricResultJson, comparison: ComparisonJson, scale: number): HTMLElement {
  const point = liftPoint(comparison, '')
  const name = variantName(comparison.variant)
  return h(
    'tr',
    { 'data-variant': comparison.variant },
    h('th', { scope: 'row' }, name, h('span', { class: 'n' }, ` n = ${comparison.n}`)),
    h('td', { class: 'number' }, point === null ? '—' : signedPercent(point.lift)),
    h(
      'td',
      { class: 'interval-cell' },
      point === null
        ? '—'
        : [
            intervalBar(
              point,
              scale,
              `${name} on ${metric.name}: lift ${signedPercent(point.lift)} ${intervalText(point.low, point.high)}`,
            ),
            h(
              'span',
              { class: 'interval-text' },
              `${signedPercent(point.low)} to ${signedPercent(point.high)}`,
            ),
          ],
    ),
    h('td', { class: 'number' }, comparison.chance_to_win === null ? '—' : percent(comparison.chance_to_win)),
    h('td', { class: 'number' }, comparison.p_value === null ? '—' : pValue(comparison.p_value)),
  )
}

function metricSection(metric: MetricResultJson, scale: number): HTMLElement {
  const id = `metric-${metric.metric}`
  return h(
    'section',
    { class: 'metric card', 'aria-labelledby': id },
    h(
      'h3',
      { id },
      metric.name,
      ' ',
      h(
        'span',
        { class: 'role' },
        `${humanize(metric.role)} · expected to ${metric.expected_direction.replace(/_/g, ' ')}`,
      ),
    ),
    h(
      'ul',
      { class: 'verdicts' },
      metric.variants.map((v) =>
        h(
          'li',
          { class: `verdict verdict-${v.verdict}`, 'data-variant': v.variant },
          verdictSentence(metric.name, v),
        ),
      ),
    ),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        {},
        h(
          'caption',
          { class: 'visually-hidden' },
          `${metric.name}: every variant against ${variantName(metric.control.variant)} (control, n = ${metric.control.n})`,
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Variant', 'Lift', '95% interval (bar centred on zero)', 'Chance to win', 'p-value'].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          metric.variants.map((v) => comparisonRow(metric, v, scale)),
        ),
      ),
    ),
    metric.variants.map((v) => {
      const more = extras(v)
      return more === null
        ? null
        : h('div', {}, h('h4', {}, `More figures for ${variantName(v.variant)}`), more)
    }),
  )
}

/** SRM banner, exposures and the data-quality counts. */
function healthSection(results: ResultsJson): Child[] {
  const srm = results.srm
  const quality =
    typeof results.data_quality === 'object' && results.data_quality !== null
      ? Object.entries(results.data_quality)
      : []
  return [
    srm?.mismatch === true
      ? h(
          'p',
          { class: 'banner error srm', role: 'alert' },
          `Sample ratio mismatch: the exposures do not match the split (p = ${pValue(srm.p_value)}). Check the assignment before trusting these figures.`,
        )
      : srm === null
        ? null
        : h(
            'p',
            { class: 'banner ok srm' },
            `The exposures match the split (sample ratio check p = ${pValue(srm.p_value)}).`,
          ),
    h(
      'section',
      { 'aria-labelledby': 'exposures' },
      h('h2', { id: 'exposures' }, 'Exposures and data quality'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Variant', 'Weight', 'Exposed identities'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          {},
          results.variants.map((v) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, variantName(v.variant)),
              h('td', { class: 'number' }, `${v.weight}%`),
              h('td', { class: 'number' }, v.exposures),
            ),
          ),
        ),
      ),
      h(
        'dl',
        { class: 'facts quality' },
        h('dt', {}, 'Multiple exposures'),
        h(
          'dd',
          { 'data-count': 'multiple_exposures' },
          `${results.multiple_exposures} (identities seen in more than one variant, left out of every figure)`,
        ),
        quality.map(([key, value]) => [
          h('dt', {}, humanize(key)),
          h('dd', { 'data-count': key }, extraValue(value)),
        ]),
      ),
    ),
  ]
}

/** The results page: health, every metric × variant with its interval bar and verdict, and the lift over time. */
export async function resultsView(context: ViewContext, id: string): Promise<void> {
  const path = environmentPath(context, `experiments/${encodeURIComponent(id)}/`)
  const [experiment, body, history] = await Promise.all([
    call<ExperimentJson>(context.api, path).then((answer) => expectStatus(answer)),
    call<ResultsJson>(context.api, `${path}results/`).then((answer) => expectStatus(answer)),
    call<ResultsHistoryJson>(context.api, `${path}results/history/`).then((answer) => expectStatus(answer)),
  ])
  const scale = scaleOf(
    body.metrics.flatMap((m) => m.variants.flatMap((v) => [v.ci_low ?? 0, v.ci_high ?? 0])),
  )
  show(
    context.root,
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/${encodeURIComponent(context.environment)}/experiments/${id}` },
        `← ${experiment.name}`,
      ),
    ),
    h('h1', {}, `Results: ${experiment.name}`),
    h(
      'p',
      { class: 'as-of' },
      body.is_final
        ? h('span', { class: 'badge final' }, 'Final')
        : h('span', { class: 'badge live' }, 'Live'),
      ` As of ${when(body.as_of)}`,
      body.window === null
        ? ''
        : `, counting data from ${when(body.window.from)} to ${when(body.window.to)}.`,
    ),
    body.window === null
      ? h('p', { class: 'empty' }, 'The experiment has not started: there are no results yet.')
      : healthSection(body),
    body.metrics.length === 0
      ? null
      : h(
          'section',
          { 'aria-labelledby': 'metrics-heading' },
          h('h2', { id: 'metrics-heading' }, 'Metrics'),
          body.metrics.map((m) => metricSection(m, scale)),
        ),
    resultsHistoryView(body, history),
  )
}
