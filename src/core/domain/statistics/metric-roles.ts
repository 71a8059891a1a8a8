/**
 * What a metric is for in an experiment: the one decision metric, supporting metrics, or a
 * guardrail that must not get worse.
 *
 * @example
 * ```ts
 * METRIC_ROLES.includes('guardrail') // true
 * ```
 */
export const METRIC_ROLES = ['primary', 'secondary', 'guardrail'] as const
/** One of {@link METRIC_ROLES}. */
export type MetricRole = (typeof METRIC_ROLES)[number]

/**
 * The movement an experiment hopes for (`increase`, `decrease`: primary and secondary metrics) or
 * the movement a guardrail forbids (`not_increase`, `not_decrease`).
 *
 * @example
 * ```ts
 * EXPECTED_DIRECTIONS[0] // 'increase'
 * ```
 */
export const EXPECTED_DIRECTIONS = ['increase', 'decrease', 'not_increase', 'not_decrease'] as const
/** One of {@link EXPECTED_DIRECTIONS}. */
export type ExpectedDirection = (typeof EXPECTED_DIRECTIONS)[number]

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
