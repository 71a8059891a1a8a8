import { TRANSITIONS } from '../../../core/domain/transitions.js'
import { call, expectStatus } from './api.js'
import { h, show } from './dom.js'
import { humanize, when } from './format.js'
import { environmentPath, type ExperimentListJson, type ViewContext } from './wire.js'

/** Every status, in lifecycle order: the state machine's own table has one entry per status. */
const EXPERIMENT_STATUSES = Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]

/** The list's filters, kept in the address: `?status=running&q=checkout`. */
export interface ListFilters {
  readonly status: string
  readonly q: string
}

function query(filters: ListFilters): string {
  const params = new URLSearchParams()
  if (filters.status !== '') params.append('status', filters.status)
  if (filters.q !== '') params.set('q', filters.q)
  params.set('limit', '100')
  return params.toString()
}

/** The experiments of the environment, newest first, with a status filter, a name search and the counts. */
export async function listView(context: ViewContext, filters: ListFilters): Promise<void> {
  const answer = await call<ExperimentListJson>(
    context.api,
    `${environmentPath(context, 'experiments/')}?${query(filters)}`,
  )
  expectStatus(answer)
  const { results, status_counts: counts } = answer.body
  const total = EXPERIMENT_STATUSES.reduce((sum, status) => sum + counts[status], 0)
  const search = h('input', { id: 'search', name: 'q', type: 'search', value: filters.q }) as HTMLInputElement
  const status = h(
    'select',
    { id: 'status', name: 'status' },
    h('option', { value: '' }, `All statuses (${total})`),
    EXPERIMENT_STATUSES.map((s) =>
      h('option', { value: s, selected: s === filters.status }, `${humanize(s)} (${counts[s]})`),
    ),
  ) as HTMLSelectElement
  const apply = () => {
    const params = new URLSearchParams()
    if (status.value !== '') params.set('status', status.value)
    if (search.value.trim() !== '') params.set('q', search.value.trim())
    location.hash = `#/${encodeURIComponent(context.environment)}/experiments?${params.toString()}`
  }
  status.addEventListener('change', apply)
  const filterForm = h(
    'form',
    { class: 'filters', role: 'search', onSubmit: (event: Event) => (event.preventDefault(), apply()) },
    h('div', { class: 'field' }, h('label', { for: 'search' }, 'Search by name'), search),
    h('div', { class: 'field' }, h('label', { for: 'status' }, 'Status'), status),
    h('button', { type: 'submit' }, 'Filter'),
  )
  const countList = h(
    'ul',
    { class: 'counts', 'aria-label': 'Experiments per status' },
    EXPERIMENT_STATUSES.map((s) =>
      h('li', {}, h('span', { class: `status status-${s}` }, humanize(s)), ' ', h('strong', {}, counts[s])),
    ),
  )
  const rows = results.map((e) =>
    h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        h('a', { href: `#/${encodeURIComponent(context.environment)}/experiments/${e.id}` }, e.name),
      ),
      h('td', {}, h('span', { class: `status status-${e.status}` }, humanize(e.status))),
      h('td', {}, e.feature),
      h('td', {}, e.started_at === null ? '—' : when(e.started_at)),
    ),
  )
  show(
    context.root,
    h(
      'div',
      { class: 'heading' },
      h('h1', {}, `Experiments in ${context.environment}`),
      h(
        'a',
        { class: 'button primary', href: `#/${encodeURIComponent(context.environment)}/new` },
        'New experiment',
      ),
    ),
    countList,
    filterForm,
    results.length === 0
      ? h('p', { class: 'empty' }, 'No experiment matches.')
      : h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            {},
            h('caption', { class: 'visually-hidden' }, 'Experiments, newest first'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Name', 'Status', 'Feature', 'Started'].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ),
  )
  context.announce(`${results.length} experiments shown.`)
}
