import { methodSelect } from './analysis-section.js'
import { call, expectStatus, problemText } from './api.js'
import { h, show } from './dom.js'
import { field } from './field.js'
import { environmentPath, type ExperimentJson, type MetricListJson, type ViewContext } from './wire.js'

/** Creating an experiment: name, hypothesis, the host's feature, a primary metric from the catalogue, the analysis method. */
export async function createView(context: ViewContext): Promise<void> {
  const metrics = await call<MetricListJson>(context.api, `${environmentPath(context, 'metrics/')}?limit=200`)
  expectStatus(metrics)
  const name = h('input', { id: 'name', name: 'name', required: true, maxlength: 255 }) as HTMLInputElement
  const hypothesis = h('textarea', {
    id: 'hypothesis',
    name: 'hypothesis',
    required: true,
    rows: 3,
  }) as HTMLTextAreaElement
  const feature = h('input', { id: 'feature', name: 'feature', required: true }) as HTMLInputElement
  const metric = h(
    'select',
    { id: 'metric', name: 'metric' },
    h('option', { value: '' }, 'None for now'),
    metrics.body.results.map((m) => h('option', { value: m.id }, m.name)),
  ) as HTMLSelectElement
  const direction = h(
    'select',
    { id: 'direction', name: 'direction' },
    h('option', { value: 'increase' }, 'Increase'),
    h('option', { value: 'decrease' }, 'Decrease'),
  ) as HTMLSelectElement
  const method = methodSelect('analysis-method', 'sequential')
  const error = h('p', { class: 'banner error', role: 'alert', hidden: true })
  const submit = async () => {
    const chosen =
      metric.value === ''
        ? []
        : [{ metric: metric.value, role: 'primary', expected_direction: direction.value }]
    const created = await call<ExperimentJson>(context.api, environmentPath(context, 'experiments/'), {
      method: 'POST',
      json: {
        feature: feature.value.trim(),
        name: name.value,
        hypothesis: hypothesis.value,
        metrics: chosen,
        analysis: { method: method.value },
      },
    })
    if (created.status !== 201) {
      error.textContent = problemText(created)
      error.hidden = false
      error.focus()
      return
    }
    context.announce(`Created ${created.body.name}.`)
    location.hash = `#/${encodeURIComponent(context.environment)}/experiments/${created.body.id}`
  }
  show(
    context.root,
    h(
      'p',
      {},
      h('a', { href: `#/${encodeURIComponent(context.environment)}/experiments` }, '← All experiments'),
    ),
    h('h1', {}, 'New experiment'),
    h(
      'form',
      { class: 'card stack', onSubmit: (event: Event) => (event.preventDefault(), void submit()) },
      error,
      field('Name', name),
      field('Hypothesis', hypothesis, 'What you expect to change, and why.'),
      field('Feature', feature, 'The id of the multivariate flag under test; its variants are split evenly.'),
      field('Primary metric', metric),
      field('Expected direction', direction),
      field('Analysis method', method, 'Fixed once the experiment starts; the detail page sets the rest.'),
      h('button', { type: 'submit', class: 'primary' }, 'Create experiment'),
    ),
  )
  error.setAttribute('tabindex', '-1')
}
