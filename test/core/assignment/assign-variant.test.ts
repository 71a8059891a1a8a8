import { afterEach, describe, expect, it, vi } from 'vitest'
import { assignVariant } from '../../../src/core/domain/assignment/assign-variant.js'
import type { AssignmentRollout } from '../../../src/core/domain/assignment/assignment-rollout.js'
import { createAssigner } from '../../../src/core/domain/assignment/create-assigner.js'
import { identityBucket } from '../../../src/core/domain/assignment/identity-bucket.js'
import { growthbookAssign } from './growthbook-reference.js'
import { assignmentVectors } from './reference-vectors.js'

const half = (seed: string, trafficPercentage = 100): AssignmentRollout => ({
  seed,
  trafficPercentage,
  allocations: [
    { variant: 'control', weight: 50 },
    { variant: 'treatment', weight: 50 },
  ],
})

describe('assignVariant on the reference vectors', () => {
  it('covers every case of the file', () => {
    expect(assignmentVectors.length).toBeGreaterThanOrEqual(7)
    expect(assignmentVectors.flatMap((vector) => vector.expected)).toContain(null)
  })

  for (const vector of assignmentVectors) {
    const label = `traffic ${vector.trafficPercentage}, ${vector.allocations.map((a) => a.weight).join('/')}`

    it(`gives the recorded answer for every identity (${label})`, () => {
      const rollout = { ...vector }
      expect(vector.identities.map((identity) => assignVariant(rollout, identity))).toEqual(vector.expected)
      const assign = createAssigner(rollout)
      expect(vector.identities.map(assign)).toEqual(vector.expected)
    })

    it(`the GrowthBook SDK installed here agrees with the recording (${label})`, () => {
      expect(vector.identities.map((identity) => growthbookAssign(vector, identity))).toEqual(vector.expected)
    })
  }
})

describe('assignVariant on edge inputs, as GrowthBook answers them', () => {
  // GrowthBook reports out-of-range coverage and weights on the console; the answers are what matter.
  afterEach(() => vi.restoreAllMocks())

  const cases: [string, AssignmentRollout][] = [
    ['traffic 0', half('s', 0)],
    ['traffic above 100 counts as 100', half('s', 250)],
    ['negative traffic counts as 0', half('s', -5)],
    ['traffic NaN lets nobody in', half('s', Number.NaN)],
    ['an empty seed hashes the identity alone', half('')],
    [
      'weights adding up to 60 fall back to an equal split',
      {
        seed: 's',
        trafficPercentage: 100,
        allocations: [
          { variant: 'a', weight: 50 },
          { variant: 'b', weight: 10 },
        ],
      },
    ],
    [
      'weights adding up to 100.5 are used as they are',
      {
        seed: 's',
        trafficPercentage: 100,
        allocations: [
          { variant: 'a', weight: 0.5 },
          { variant: 'b', weight: 100 },
        ],
      },
    ],
    [
      'a NaN weight lets nobody in',
      {
        seed: 's',
        trafficPercentage: 100,
        allocations: [
          { variant: 'a', weight: Number.NaN },
          { variant: 'b', weight: 100 },
        ],
      },
    ],
    [
      'one variant is not an experiment',
      { seed: 's', trafficPercentage: 100, allocations: [{ variant: 'a', weight: 100 }] },
    ],
  ]

  const identities = [...Array.from({ length: 2000 }, (_, i) => `user-${i}`), '', 'ü-🚀']

  it.each(cases)('%s', (_, rollout) => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const ours = identities.map((identity) => assignVariant(rollout, identity))
    expect(ours).toEqual(identities.map((identity) => growthbookAssign(rollout, identity)))
  })

  it('weights that do not add up to 100 give an equal split, not a rescaled one', () => {
    const [, uneven] = cases.find(([name]) => name.startsWith('weights adding up to 60'))!
    const shareOfA = identities.filter((identity) => assignVariant(uneven, identity) === 'a').length / 2000
    expect(shareOfA).toBeGreaterThan(0.45)
    expect(shareOfA).toBeLessThan(0.55)
  })

  it('traffic 0 and an empty identity give null for many identities', () => {
    const closed = half('closed', 0)
    for (let i = 0; i < 1000; i++) expect(assignVariant(closed, `user-${i}`)).toBeNull()
    expect(assignVariant(half('open'), '')).toBeNull()
  })

  it('values outside the declared types give null instead of throwing', () => {
    const junk = [
      null,
      undefined,
      {},
      { seed: 1, trafficPercentage: 100, allocations: [] },
      { seed: 's', trafficPercentage: '100', allocations: half('s').allocations },
      { seed: 's', trafficPercentage: 100, allocations: 'control' },
      { seed: 's', trafficPercentage: 100, allocations: [null, { variant: 'b', weight: 50 }] },
      { seed: 's', trafficPercentage: 100, allocations: [{ variant: 'a' }, { variant: 'b', weight: 50 }] },
    ] as unknown as AssignmentRollout[]
    for (const rollout of junk) expect(assignVariant(rollout, 'user-1')).toBeNull()
    expect(assignVariant(half('s'), 42 as unknown as string)).toBeNull()
    expect(assignVariant(half('s'), undefined as unknown as string)).toBeNull()
  })

  it('an assigner keeps the rollout it was created with', () => {
    const allocations = [
      { variant: 'a', weight: 100 },
      { variant: 'b', weight: 0 },
    ]
    const rollout = { seed: 's', trafficPercentage: 100, allocations }
    const assign = createAssigner(rollout)
    allocations[0] = { variant: 'a', weight: 0 }
    allocations[1] = { variant: 'b', weight: 100 }
    expect(assign('user-1')).toBe('a')
    expect(assignVariant(rollout, 'user-1')).toBe('b')
  })
})

describe('bucket edges follow floating point, as GrowthBook computes them', () => {
  it('0.1 + 0.2 > 0.3: bucket 0.3 of a 10/20/30/40 split goes to the second variant, not the third', () => {
    const seed = 'edge-of-0.3'
    let identity = ''
    for (let i = 0; identity === '' && i < 1_000_000; i++) {
      if (identityBucket(seed, `user-${i}`) === 0.3) identity = `user-${i}`
    }
    const rollout = {
      seed,
      trafficPercentage: 100,
      allocations: [10, 20, 30, 40].map((weight, i) => ({ variant: `v${i}`, weight })),
    }
    // On integer hundredths bucket 3000 would open the third range [3000, 6000).
    expect(identity).not.toBe('')
    expect(assignVariant(rollout, identity)).toBe('v1')
    expect(growthbookAssign(rollout, identity)).toBe('v1')
  })
})
