import { h, type Child } from './dom.js'
import { humanize, pValue, variantName } from './format.js'
import type { ResultsJson } from './wire.js'

/** The comparison fields shown in their own words; any other one is shown as an extra figure. */
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
  'guidance',
])

/** A value of a field this console does not know by name, readably. */
export function extraValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  // Nested figures (a results body's analysis, a comparison's guidance) as words that wrap at phone width.
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(extraValue).join(', ')
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .map(([key, inner]) => `${humanize(key)} ${extraValue(inner)}`)
      .join(', ')
  return JSON.stringify(value)
}

/** Figures a newer server adds (adjusted p-values, sequential intervals…), as a list when present. */
export function extras(source: object): HTMLElement | null {
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

/** SRM banner, exposures and the data-quality counts. */
export function healthSection(results: ResultsJson): Child[] {
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
