import fc from 'fast-check'
import type { AssignmentRollout } from '../../../src/core/domain/assignment/assignment-rollout.js'

/** A percentage with at most two decimals, 0 and 100 drawn often. */
const percentage = fc
  .oneof(fc.constantFrom(0, 10_000), fc.integer({ min: 0, max: 10_000 }))
  .map((hundredths) => hundredths / 100)

/** `count` weights in percent, two decimals, adding up to exactly 100 (some may be 0). */
function weights(count: number): fc.Arbitrary<number[]> {
  return fc
    .array(fc.integer({ min: 0, max: 10_000 }), { minLength: count - 1, maxLength: count - 1 })
    .map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10_000]
      return points.slice(1).map((point, i) => (point - points[i]!) / 100)
    })
}

/**
 * Seeds: experiment ids, and any text except the names `Object.prototype` carries (`constructor`,
 * `toString`, `__proto__`…). GrowthBook looks a key up in its forced-variations object with `in`,
 * so such a key counts as forced and its `run()` answers `inExperiment: true` with an undefined
 * value; experiment ids never take those names.
 */
const seedArbitrary = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 40 }).filter((seed) => !(seed in Object.prototype)),
)

/** Random rollouts: 2..6 variants, weights and traffic with two decimals, seeds of any text. */
export const rolloutArbitrary: fc.Arbitrary<AssignmentRollout> = fc
  .record({
    seed: seedArbitrary,
    trafficPercentage: percentage,
    split: fc.integer({ min: 2, max: 6 }).chain(weights),
  })
  .map(({ seed, trafficPercentage, split }) => ({
    seed,
    trafficPercentage,
    allocations: split.map((weight, i) => ({ variant: i === 0 ? 'control' : `variant-${i}`, weight })),
  }))

/** Identities as hosts send them, unicode (astral and lone surrogates included) and empty ones. */
export const identityArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.integer({ min: 0, max: 2 ** 31 }).map((n) => `user-${n}`),
  fc.emailAddress(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
)
