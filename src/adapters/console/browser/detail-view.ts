import { TRANSITIONS, type TransitionAction } from '../../../core/domain/transitions.js'
import { analysisSection } from './analysis-section.js'
import { call, expectStatus, problemText } from './api.js'
import { h, show } from './dom.js'
import { humanize, when } from './format.js'
import { environmentPath, type ExperimentJson, type ViewContext } from './wire.js'

/** The button label of each action, from the status it leaves (a start from paused resumes). */
function actionLabel(action: TransitionAction, status: ExperimentJson['status']): string {
  if (action === 'start') return status === 'paused' ? 'Resume' : 'Start'
  return humanize(action)
}

/** One experiment: hypothesis, the status actions the state machine allows now, metrics with roles, rollout, analysis (editable until the start). */
export async function detailView(context: ViewContext, id: string): Promise<void> {
  const path = environmentPath(context, `experiments/${encodeURIComponent(id)}/`)
  const answer = await call<ExperimentJson>(context.api, path)
  expectStatus(answer)
  const experiment = answer.body
  const error = h('p', { class: 'banner error', role: 'alert', hidden: true })
  const act = async (action: TransitionAction) => {
    const done = await call<ExperimentJson>(context.api, `${path}${action}/`, {
      method: 'POST',
      version: experiment.version,
    })
    if (done.status !== 200) {
      error.textContent = problemText(done)
      error.hidden = false
      return
    }
    context.announce(`${experiment.name} is now ${humanize(done.body.status).toLowerCase()}.`)
    await detailView(context, id)
  }
  const allowed = Object.keys(TRANSITIONS[experiment.status]) as TransitionAction[]
  const actions = allowed.map((action) =>
    h(
      'button',
      { type: 'button', class: action === 'complete' ? '' : 'primary', onClick: () => void act(action) },
      actionLabel(action, experiment.status),
    ),
  )
  const base = `#/${encodeURIComponent(context.environment)}/experiments/${experiment.id}`
  show(
    context.root,
    h(
      'p',
      {},
      h('a', { href: `#/${encodeURIComponent(context.environment)}/experiments` }, '← All experiments'),
    ),
    h(
      'div',
      { class: 'heading' },
      h('h1', {}, experiment.name),
      h('span', { class: `status status-${experiment.status}` }, humanize(experiment.status)),
    ),
    error,
    h(
      'section',
      { 'aria-labelledby': 'hypothesis' },
      h('h2', { id: 'hypothesis' }, 'Hypothesis'),
      h('p', { class: 'hypothesis' }, experiment.hypothesis),
    ),
    h(
      'section',
      { 'aria-labelledby': 'lifecycle' },
      h('h2', { id: 'lifecycle' }, 'Status'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Feature'),
        h('dd', {}, experiment.feature),
        h('dt', {}, 'Created'),
        h('dd', {}, when(experiment.created_at)),
        h('dt', {}, 'Started'),
        h('dd', {}, experiment.started_at === null ? '—' : when(experiment.started_at)),
        h('dt', {}, 'Ended'),
        h('dd', {}, experiment.ended_at === null ? '—' : when(experiment.ended_at)),
      ),
      actions.length === 0
        ? h('p', {}, 'A completed experiment is final: no action is left.')
        : h('div', { class: 'actions' }, actions),
      experiment.status === 'created'
        ? null
        : h('p', {}, h('a', { class: 'button', href: `${base}/results` }, 'View results')),
    ),
    h(
      'section',
      { 'aria-labelledby': 'metrics' },
      h('h2', { id: 'metrics' }, 'Metrics'),
      experiment.metrics.length === 0
        ? h('p', { class: 'empty' }, 'No metric yet.')
        : h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Metric', 'Role', 'Expected direction', 'Aggregation'].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              experiment.metrics.map((m) =>
                h(
                  'tr',
                  {},
                  h('th', { scope: 'row' }, m.name),
                  h('td', {}, humanize(m.role)),
                  h('td', {}, humanize(m.expected_direction)),
                  h('td', {}, humanize(m.aggregation)),
                ),
              ),
            ),
          ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'rollout' },
      h('h2', { id: 'rollout' }, 'Rollout'),
      h('p', {}, `${experiment.rollout.traffic_percentage}% of traffic enters the experiment.`),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Variant'), h('th', { scope: 'col' }, 'Weight')),
        ),
        h(
          'tbody',
          {},
          experiment.rollout.allocations.map((a, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, `${a.variant}${i === 0 ? ' (control)' : ''}`),
              h('td', {}, `${a.weight}%`),
            ),
          ),
        ),
      ),
    ),
    analysisSection(context, experiment, path, () => detailView(context, id)),
  )
}
