import { call, expectStatus } from './api.js'
import { intervalBar, liftPoint, scaleOf } from './charts.js'
import { h, show } from './dom.js'
import {
  cupedPhrase,
  guidanceSentence,
  humanize,
  intervalText,
  pValue,
  percent,
  signedPercent,
  variantName,
  verdictSentence,
  when,
} from './format.js'
import { extras, healthSection } from './health-section.js'
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
        [
          humanize(metric.role),
          `expected to ${metric.expected_direction.replace(/_/g, ' ')}`,
          cupedPhrase(metric.cuped),
        ]
          .filter((part) => part !== null)
          .join(' · '),
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
      'ul',
      { class: 'guidance' },
      metric.variants.map((v) =>
        v.guidance == null
          ? null
          : h(
              'li',
              { 'data-variant': v.variant },
              `${variantName(v.variant)}: ${guidanceSentence(v.guidance)}`,
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
