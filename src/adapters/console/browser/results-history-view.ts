import { liftChart, liftPoint, type LiftPoint } from './charts.js'
import { h } from './dom.js'
import { variantName } from './format.js'
import type { ResultsHistoryJson, ResultsJson } from './wire.js'

/** The lift over time of one metric and variant: one point per snapshot with figures. */
function pointsOf(history: ResultsHistoryJson, metric: string, variant: string): LiftPoint[] {
  return history.results.flatMap((snapshot) => {
    const comparison = snapshot.metrics
      .find((m) => m.metric === metric)
      ?.variants.find((v) => v.variant === variant)
    const point = comparison && snapshot.window && liftPoint(comparison, snapshot.window.to.slice(0, 10))
    return point ? [point] : []
  })
}

/** The lift over time section: a chart per metric and variant, from the daily snapshots. */
export function resultsHistoryView(results: ResultsJson, history: ResultsHistoryJson): HTMLElement {
  const charts = results.metrics.flatMap((metric) =>
    metric.variants.map((variant) => {
      const points = pointsOf(history, metric.metric, variant.variant)
      const caption = `${variantName(variant.variant)} against the control on ${metric.name}: lift and 95% interval per day`
      return points.length === 0 ? null : liftChart(points, caption)
    }),
  )
  const drawn = charts.filter((chart) => chart !== null)
  return h(
    'section',
    { 'aria-labelledby': 'over-time' },
    h('h2', { id: 'over-time' }, 'Lift over time'),
    drawn.length === 0
      ? h(
          'p',
          { class: 'empty' },
          'No daily snapshot yet: one is taken each day while the experiment runs (by the scheduler), and the final results close the series.',
        )
      : drawn,
  )
}
