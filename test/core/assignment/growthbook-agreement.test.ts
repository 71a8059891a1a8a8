import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignVariant } from '../../../src/core/domain/assignment/assign-variant.js'
import { createAssigner } from '../../../src/core/domain/assignment/create-assigner.js'
import { fnv1a32, fnv1a32Decimal } from '../../../src/core/domain/assignment/fnv1a32.js'
import { identityBucket } from '../../../src/core/domain/assignment/identity-bucket.js'
import { GrowthBook } from '@growthbook/growthbook'
import { growthbookAssign, growthbookExperiment } from './growthbook-reference.js'
import { depthCount } from '../../support/test-depth.js'
import { identityArbitrary, rolloutArbitrary } from './rollout-arbitraries.js'

/** Random rollouts compared with the SDK: fewer in `npm test`, 200 in CI (test/support/test-depth.ts). */
const ROLLOUTS = depthCount('GROWTHBOOK_ROLLOUTS', { quick: 60, ci: 200, long: 1000 })
const IDENTITIES_PER_ROLLOUT = 500

/** FNV-1a written out the textbook way (shift-and-add multiply), to check the Math.imul form. */
function textbookFnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24)
  }
  return hash >>> 0
}

describe('assignment agrees with the GrowthBook SDK', () => {
  it(`on ${ROLLOUTS} random rollouts × ${IDENTITIES_PER_ROLLOUT} random identities`, () => {
    let compared = 0
    let assigned = 0
    fc.assert(
      fc.property(
        rolloutArbitrary,
        fc.array(identityArbitrary, { minLength: IDENTITIES_PER_ROLLOUT, maxLength: IDENTITIES_PER_ROLLOUT }),
        (rollout, identities) => {
          const expected = identities.map((identity) => growthbookAssign(rollout, identity))
          expect(identities.map((identity) => assignVariant(rollout, identity))).toEqual(expected)
          expect(identities.map(createAssigner(rollout))).toEqual(expected)
          compared += identities.length
          assigned += expected.filter((variant) => variant !== null).length
        },
      ),
      // Shrinking 500 identities through the SDK takes minutes; the failing identity shows in the diff.
      { numRuns: ROLLOUTS, endOnFailure: true },
    )
    expect(compared).toBeGreaterThanOrEqual(ROLLOUTS * IDENTITIES_PER_ROLLOUT)
    expect(assigned).toBeGreaterThan(0)
    expect(assigned).toBeLessThan(compared)
  })

  it('on nearly every bucket of splits whose edges floating point puts off the hundredths', () => {
    const splits: [number, number[]][] = [
      [100, [10, 20, 30, 40]],
      [70, [10, 20, 30, 40]],
      [33.33, [33.34, 33.33, 33.33]],
      [100, [0.01, 99.99]],
      [99.99, [16.67, 16.67, 16.67, 16.67, 16.66, 16.66]],
    ]
    // 50 000 identities reach about 99 % of the 10 000 buckets of each split.
    const identities = Array.from({ length: 50_000 }, (_, i) => `edge-${i}`)
    for (const [trafficPercentage, weights] of splits) {
      const rollout = {
        seed: `edges-${weights.join('-')}`,
        trafficPercentage,
        allocations: weights.map((weight, i) => ({ variant: `v${i}`, weight })),
      }
      const ours = identities.map((identity) => assignVariant(rollout, identity))
      expect(ours).toEqual(identities.map((identity) => growthbookAssign(rollout, identity)))
    }
  })

  it('differs only where GrowthBook takes a key naming an Object.prototype member for a forced one', () => {
    const split = {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    }
    for (const seed of ['constructor', 'toString', '__proto__']) {
      const result = new GrowthBook({ attributes: { id: 'user-1' } }).run(
        growthbookExperiment({ seed, ...split }),
      )
      expect(result).toMatchObject({ inExperiment: true, hashUsed: false, value: undefined })
      expect(['control', 'treatment']).toContain(assignVariant({ seed, ...split }, 'user-1'))
    }
  })

  it('the bucket of an identity is the one GrowthBook reports', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ unit: 'binary', minLength: 1 }), (seed, identity) => {
        const rollout = {
          seed,
          trafficPercentage: 100,
          allocations: [
            { variant: 'control', weight: 50 },
            { variant: 'treatment', weight: 50 },
          ],
        }
        const result = new GrowthBook({ attributes: { id: identity } }).run(growthbookExperiment(rollout))
        expect(identityBucket(seed, identity)).toBe(result.bucket)
      }),
      { numRuns: 5_000 },
    )
  })

  it('FNV-1a reads UTF-16 code units, continues from a prefix, and hashes decimals like their text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.nat({ max: 2 ** 32 - 1 }),
        (prefix, rest, value) => {
          expect(fnv1a32(prefix + rest)).toBe(textbookFnv1a32(prefix + rest))
          expect(fnv1a32(rest, fnv1a32(prefix))).toBe(fnv1a32(prefix + rest))
          expect(fnv1a32Decimal(value)).toBe(fnv1a32(String(value)))
        },
      ),
      { numRuns: 5_000 },
    )
    for (const value of [0, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 2 ** 32 - 1]) {
      expect(fnv1a32Decimal(value)).toBe(fnv1a32(String(value)))
    }
  })

  it('raising traffic only adds identities, each keeping its variant', () => {
    fc.assert(
      fc.property(
        rolloutArbitrary,
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(identityArbitrary, { minLength: 50, maxLength: 50 }),
        (rollout, extraHundredths, identities) => {
          const raised = {
            ...rollout,
            trafficPercentage:
              Math.min(10_000, Math.round(rollout.trafficPercentage * 100) + extraHundredths) / 100,
          }
          for (const identity of identities) {
            const before = assignVariant(rollout, identity)
            if (before !== null) expect(assignVariant(raised, identity)).toBe(before)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
