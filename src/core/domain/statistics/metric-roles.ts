export { EXPECTED_DIRECTIONS, METRIC_ROLES, type ExpectedDirection, type MetricRole } from '../vocabulary.js'
// The roles and expected directions are the experiment design's own: one source for both.

/**
 * What the data says about one metric of one variant: `winning` / `losing` / `inconclusive` for
 * primary and secondary metrics, `ok` / `violated` for guardrails, `insufficient_data` for either
 * when no comparison can be made.
 *
 * @example
 * ```ts
 * VERDICTS.filter((v) => v !== 'insufficient_data').length // 5
 * ```
 */
export const VERDICTS = ['winning', 'losing', 'inconclusive', 'ok', 'violated', 'insufficient_data'] as const
/** One of {@link VERDICTS}. */
export type Verdict = (typeof VERDICTS)[number]
