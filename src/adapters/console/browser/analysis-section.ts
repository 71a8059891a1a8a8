import { ANALYSIS_BOUNDS } from '../../../core/domain/analysis-bounds.js'
import { ANALYSIS_METHODS, type AnalysisMethod } from '../../../core/domain/statistics/analysis-settings.js'
import { call, problemText } from './api.js'
import { h } from './dom.js'
import { field } from './field.js'
import { humanize, when } from './format.js'
import type { ExperimentJson, ViewContext } from './wire.js'

/** How each method is offered: what it promises whoever reads the results. */
const METHOD_LABELS = {
  sequential: 'Sequential — valid however often you look',
  fixed: 'Fixed — one look at the planned sample',
} as const satisfies Record<AnalysisMethod, string>

/** A select of the analysis methods, `selected` chosen. */
export function methodSelect(id: string, selected: AnalysisMethod): HTMLSelectElement {
  return h(
    'select',
    { id, name: id },
    ANALYSIS_METHODS.map((method) =>
      h('option', { value: method, selected: method === selected }, METHOD_LABELS[method]),
    ),
  ) as HTMLSelectElement
}

/** A whole-number input held to one of {@link ANALYSIS_BOUNDS}. */
function boundedInput(id: string, bounds: { min: number; max: number }, value: number): HTMLInputElement {
  const { min, max } = bounds
  return h('input', {
    id,
    name: id,
    type: 'number',
    inputmode: 'numeric',
    required: true,
    step: 1,
    min,
    max,
    value,
  }) as HTMLInputElement
}

/**
 * How the results are analysed: a form while the experiment has not started (saved with the
 * version it was read at), then the setting read-only, locked since the start.
 */
export function analysisSection(
  context: ViewContext,
  experiment: ExperimentJson,
  path: string,
  onSaved: () => Promise<void>,
): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'analysis' },
    h('h2', { id: 'analysis' }, 'Analysis'),
    experiment.status === 'created'
      ? analysisForm(context, experiment, path, onSaved)
      : lockedAnalysis(experiment),
  )
}

/** The setting as it stays once the experiment has started. */
function lockedAnalysis(experiment: ExperimentJson): HTMLElement[] {
  const { method, sequential_tuning, pre_exposure_days } = experiment.analysis
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Method'),
      h('dd', {}, humanize(method)),
      h('dt', {}, 'Sequential tuning'),
      h('dd', {}, method === 'sequential' ? `${sequential_tuning} identities` : '—'),
      h('dt', {}, 'Pre-exposure data'),
      h('dd', {}, pre_exposure_days === 0 ? 'None' : `${pre_exposure_days} days`),
    ),
    h(
      'p',
      { class: 'analysis-locked' },
      experiment.started_at === null
        ? 'Locked since the start: results are read the way they were planned.'
        : `Locked since the start on ${when(experiment.started_at)}: results are read the way they were planned.`,
    ),
  ]
}

/** The setting as a form; a refusal shows its problem above the inputs, which keep what was typed. */
function analysisForm(
  context: ViewContext,
  experiment: ExperimentJson,
  path: string,
  onSaved: () => Promise<void>,
): HTMLElement {
  const stored = experiment.analysis
  const method = methodSelect('analysis-method', stored.method)
  const days = boundedInput('pre-exposure-days', ANALYSIS_BOUNDS.preExposureDays, stored.pre_exposure_days)
  const tuning = boundedInput('sequential-tuning', ANALYSIS_BOUNDS.sequentialTuning, stored.sequential_tuning)
  const tuningField = field(
    'Sequential tuning',
    tuning,
    'Identities, both arms together, at which the interval is tightest.',
  )
  // A hidden input must also be disabled, or the browser would block the form on a value no one sees.
  const showTuning = () => {
    const sequential = method.value === 'sequential'
    tuningField.hidden = !sequential
    tuning.disabled = !sequential
  }
  method.addEventListener('change', showTuning)
  showTuning()
  const error = h('p', { class: 'banner error', role: 'alert', tabindex: -1, hidden: true })
  const save = async () => {
    const sequential = method.value === 'sequential'
    const saved = await call<ExperimentJson>(context.api, `${path}analysis/`, {
      method: 'PUT',
      version: experiment.version,
      json: {
        method: method.value,
        // Fixed ignores the tuning: keep the stored one so switching back finds it again.
        sequential_tuning: sequential ? tuning.valueAsNumber : stored.sequential_tuning,
        pre_exposure_days: days.valueAsNumber,
      },
    })
    if (saved.status !== 200) {
      error.textContent = problemText(saved)
      error.hidden = false
      error.focus()
      return
    }
    context.announce(`Analysis of ${experiment.name} saved.`)
    await onSaved()
  }
  return h(
    'form',
    { class: 'stack', onSubmit: (event: Event) => (event.preventDefault(), void save()) },
    error,
    field('Method', method),
    field(
      'Pre-exposure days',
      days,
      `Days of events before each identity's first exposure used to reduce variance; 0 turns it off.`,
    ),
    tuningField,
    h('p', { class: 'help' }, 'The setting can change until the experiment starts.'),
    h('div', {}, h('button', { type: 'submit', class: 'primary' }, 'Save analysis')),
  )
}
