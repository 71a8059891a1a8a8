import { h, svg } from './dom.js'
import { signedPercent } from './format.js'

/** One day of the lift over time: the day, the lift and its 95% interval (ratios). */
export interface LiftPoint {
  readonly day: string
  readonly lift: number
  readonly low: number
  readonly high: number
  readonly verdict: string
}

/** The figures of one variant on one metric, as the results body gives them. */
export interface ComparisonFigures {
  readonly relative_lift: number | null
  readonly ci_low: number | null
  readonly ci_high: number | null
  readonly verdict: string
}

/** A comparison as a point of a chart, or `null` while it has too little data. */
export function liftPoint(comparison: ComparisonFigures, day: string): LiftPoint | null {
  const { relative_lift: lift, ci_low: low, ci_high: high, verdict } = comparison
  return lift === null || low === null || high === null ? null : { day, lift, low, high, verdict }
}

/** Half the width of a symmetric scale around zero that holds every value, never below 1%. */
export function scaleOf(values: readonly number[]): number {
  const largest = Math.max(0.01, ...values.map((value) => Math.abs(value)))
  return largest * 1.1
}

const BAR = { width: 240, height: 28 }

/**
 * The 95% interval of a lift as a bar on a scale centred on zero (`scale` each side), coloured
 * by the verdict, the lift a tick across it; described in words for screen readers.
 */
export function intervalBar(point: Omit<LiftPoint, 'day'>, scale: number, label: string): SVGElement {
  const x = (value: number) => BAR.width / 2 + (value / scale) * (BAR.width / 2 - 4)
  const left = x(point.low)
  return svg(
    'svg',
    {
      class: 'interval',
      viewBox: `0 0 ${BAR.width} ${BAR.height}`,
      role: 'img',
      'aria-label': label,
      'data-low': point.low,
      'data-high': point.high,
    },
    svg('line', { class: 'zero', x1: BAR.width / 2, x2: BAR.width / 2, y1: 2, y2: BAR.height - 2 }),
    svg('rect', {
      class: `bar verdict-${point.verdict}`,
      x: left,
      y: 8,
      width: Math.max(2, x(point.high) - left),
      height: BAR.height - 16,
      rx: 3,
    }),
    svg('line', { class: 'lift', x1: x(point.lift), x2: x(point.lift), y1: 5, y2: BAR.height - 5 }),
  )
}

const CHART = { width: 640, height: 240, left: 56, right: 16, top: 16, bottom: 32 }

/**
 * The lift over time as an inline SVG: per day the 95% interval as a vertical bar and the lift
 * as a point on a line, zero marked; with a table of the same figures for screen readers.
 */
export function liftChart(points: readonly LiftPoint[], caption: string): HTMLElement {
  const scale = scaleOf(points.flatMap((p) => [p.low, p.high]))
  const plotWidth = CHART.width - CHART.left - CHART.right
  const plotHeight = CHART.height - CHART.top - CHART.bottom
  const x = (index: number) =>
    CHART.left + (points.length === 1 ? plotWidth / 2 : (index / (points.length - 1)) * plotWidth)
  const y = (value: number) => CHART.top + plotHeight / 2 - (value / scale) * (plotHeight / 2)
  const ticks = [scale / 1.1, 0, -scale / 1.1]
  const chart = svg(
    'svg',
    {
      class: 'lift-chart',
      viewBox: `0 0 ${CHART.width} ${CHART.height}`,
      role: 'img',
      'aria-label': caption,
    },
    ticks.map((tick) => [
      svg('line', {
        class: tick === 0 ? 'zero' : 'grid',
        x1: CHART.left,
        x2: CHART.width - CHART.right,
        y1: y(tick),
        y2: y(tick),
      }),
      svg(
        'text',
        { class: 'axis', x: CHART.left - 6, y: y(tick) + 4, 'text-anchor': 'end' },
        signedPercent(tick),
      ),
    ]),
    points.map((p, i) => [
      svg('rect', {
        class: `band verdict-${p.verdict}`,
        x: x(i) - 5,
        y: y(p.high),
        width: 10,
        height: Math.max(1, y(p.low) - y(p.high)),
        rx: 2,
      }),
      svg('circle', { class: 'point', cx: x(i), cy: y(p.lift), r: 3.5 }),
    ]),
    svg('polyline', { class: 'trend', points: points.map((p, i) => `${x(i)},${y(p.lift)}`).join(' ') }),
    [0, points.length - 1]
      .filter((index, at, all) => all.indexOf(index) === at)
      .map((index) => {
        const anchor = points.length === 1 ? 'middle' : index === 0 ? 'start' : 'end'
        return svg(
          'text',
          { class: 'axis', x: x(index), y: CHART.height - 10, 'text-anchor': anchor },
          points[index]?.day ?? '',
        )
      }),
  )
  // A table cannot be narrower than its content: the hidden wrapper is what clips it.
  const table = h(
    'table',
    {},
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Day'),
        h('th', { scope: 'col' }, 'Lift'),
        h('th', { scope: 'col' }, '95% interval'),
      ),
    ),
    h(
      'tbody',
      {},
      points.map((p) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, p.day),
          h('td', {}, signedPercent(p.lift)),
          h('td', {}, `${signedPercent(p.low)} to ${signedPercent(p.high)}`),
        ),
      ),
    ),
  )
  return h(
    'figure',
    { class: 'lift-over-time', 'data-days': points.length },
    chart,
    h('div', { class: 'visually-hidden' }, table),
    h('figcaption', {}, caption),
  )
}
