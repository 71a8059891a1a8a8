import { z } from 'zod'
import type { ValidationIssue } from './errors.js'
import { hasNoNul } from './text-rules.js'

/** One variant's share of the identities that enter an experiment, in percent (two decimals). */
export interface Allocation {
  readonly variant: string
  readonly weight: number
}

/**
 * Who sees which variant: `trafficPercentage` of identities enter the experiment, and those
 * are split over every variant of the feature by `allocations` (in this order, summing to 100).
 */
export interface Rollout {
  readonly trafficPercentage: number
  readonly allocations: readonly Allocation[]
}

/** How many hundredths make a whole percent: weights and traffic are checked on integer hundredths. */
const HUNDREDTHS = 100
/** A full split or full traffic, in hundredths of a percent. */
const FULL = 100 * HUNDREDTHS

/**
 * A percentage in integer hundredths (`33.33` → `3333`), or `null` when it has more than two
 * decimals. A number "has at most two decimals" when it is within 1e-6 of a whole number of
 * hundredths, so binary noise such as `0.1 + 0.2` still counts as `0.3`.
 */
export function toHundredths(percentage: number): number | null {
  if (!Number.isFinite(percentage)) return null
  const scaled = percentage * HUNDREDTHS
  const rounded = Math.round(scaled)
  return Math.abs(rounded - scaled) < 1e-6 ? rounded : null
}

/** A percentage from 0 to 100 with at most two decimals, stored exactly as its hundredths say. */
const Percentage = z
  .number()
  .min(0, 'Must be a percentage from 0 to 100.')
  .max(100, 'Must be a percentage from 0 to 100.')
  .refine((value) => toHundredths(value) !== null, 'Must have at most two decimals.')
  .transform((value) => (toHundredths(value) ?? 0) / HUNDREDTHS)

/** A variant key as a feature names it. */
const VariantKey = z
  .string()
  .min(1, 'Must not be empty.')
  .max(255, 'Must be at most 255 characters.')
  .refine(hasNoNul, 'Must not contain NUL characters.')

/**
 * The shape of a rollout a caller sends: traffic and weights are percentages with at most two
 * decimals, the weights sum to exactly 100 (on integer hundredths) and at least two are above 0.
 * Whether the variants are exactly the feature's is checked against the feature by
 * {@link checkRolloutVariants}.
 */
export const RolloutInput = z
  .strictObject({
    trafficPercentage: Percentage,
    allocations: z
      .array(z.strictObject({ variant: VariantKey, weight: Percentage }))
      .min(2, 'Must list every variant of the feature (at least two).')
      .max(100, 'Must list at most 100 variants.'),
  })
  .superRefine((rollout, context) => {
    const hundredths = rollout.allocations.map((allocation) => toHundredths(allocation.weight) ?? 0)
    const total = hundredths.reduce((sum, weight) => sum + weight, 0)
    if (total !== FULL) {
      context.addIssue({
        code: 'custom',
        path: ['allocations'],
        message: `Weights must sum to exactly 100 (they sum to ${total / HUNDREDTHS}).`,
      })
    }
    if (hundredths.filter((weight) => weight > 0).length < 2) {
      context.addIssue({
        code: 'custom',
        path: ['allocations'],
        message: 'At least two variants must have a weight above 0.',
      })
    }
  })
/** The shape of a rollout a caller sends. */
export type RolloutInput = z.input<typeof RolloutInput>

/**
 * The rollout every new experiment starts with unless it names one: all traffic, an equal split
 * in hundredths, the remainder to the first variant (the control): three variants get
 * 33.34 / 33.33 / 33.33.
 *
 * @example
 * ```ts
 * defaultRollout(['control', 'treatment'])
 * // { trafficPercentage: 100, allocations: [{ variant: 'control', weight: 50 }, { variant: 'treatment', weight: 50 }] }
 * ```
 */
export function defaultRollout(variantKeys: readonly string[]): Rollout {
  const share = Math.floor(FULL / variantKeys.length)
  const remainder = FULL - share * variantKeys.length
  return {
    trafficPercentage: 100,
    allocations: variantKeys.map((variant, index) => ({
      variant,
      weight: (share + (index === 0 ? remainder : 0)) / HUNDREDTHS,
    })),
  }
}

/**
 * Checks that a rollout lists every variant of the feature exactly once and nothing else;
 * returns the problems with their paths below `at` (`''` for a rollout sent alone; empty when it fits).
 */
export function checkRolloutVariants(
  rollout: Rollout,
  variantKeys: readonly string[],
  at = 'rollout',
): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const prefix = at === '' ? '' : `${at}.`
  const known = new Set(variantKeys)
  const seen = new Set<string>()
  rollout.allocations.forEach(({ variant }, index) => {
    const path = `${prefix}allocations.${index}.variant`
    if (!known.has(variant)) {
      issues.push({
        path,
        message: `${variant} is not a variant of this feature (${variantKeys.join(', ')}).`,
      })
    } else if (seen.has(variant)) {
      issues.push({ path, message: `${variant} is listed twice; list every variant once.` })
    }
    seen.add(variant)
  })
  const missing = variantKeys.filter((key) => !seen.has(key))
  if (missing.length > 0) {
    issues.push({
      path: `${prefix}allocations`,
      message: `Every variant of the feature needs a weight; missing: ${missing.join(', ')}.`,
    })
  }
  return issues
}

/** Whether two rollouts split identities the same way (same variants, order and weights). */
export function sameAllocations(a: Rollout, b: Rollout): boolean {
  return (
    a.allocations.length === b.allocations.length &&
    a.allocations.every(
      (allocation, index) =>
        allocation.variant === b.allocations[index]?.variant &&
        toHundredths(allocation.weight) === toHundredths(b.allocations[index]?.weight ?? NaN),
    )
  )
}

/** Whether two rollouts are the same in every respect. */
export function sameRollout(a: Rollout, b: Rollout): boolean {
  return toHundredths(a.trafficPercentage) === toHundredths(b.trafficPercentage) && sameAllocations(a, b)
}
