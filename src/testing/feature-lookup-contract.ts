import type { Environment, Feature } from '../core/domain/experiment.js'
import type { FeatureLookup } from '../ports/feature-lookup.js'
import type { TestApi } from './test-api.js'

/** What a host's factory hands {@link testFeatureLookup}: the lookup and what it must know. */
export interface FeatureLookupFixture {
  readonly lookup: FeatureLookup
  /** Environments the lookup knows, exactly as it must return them (at least one). */
  readonly environments: readonly Environment[]
  /** Features the lookup knows, exactly as it must return them (at least one). */
  readonly features: readonly Feature[]
  /** A key no environment has; defaults to a random one. */
  readonly unknownEnvironmentKey?: string
  /** An id no feature has; defaults to a random one. */
  readonly unknownFeatureId?: string
  /** An id no environment has; defaults to a random one. */
  readonly unknownEnvironmentId?: string
}

/**
 * The contract every {@link FeatureLookup} must pass: known environments (by key and by id) and
 * features resolve to exactly what the host declares, unknown ones to `null` (not `undefined`, not a rejection),
 * and answers do not depend on call order or concurrency.
 *
 * @example
 * ```ts
 * testFeatureLookup(vitest, () => ({ lookup: createMyLookup(db), environments: [dev], features: [checkout] }))
 * ```
 */
export function testFeatureLookup(
  test: TestApi,
  factory: () => FeatureLookupFixture | Promise<FeatureLookupFixture>,
  name = 'FeatureLookup contract',
): void {
  const { describe, it, expect } = test
  describe(name, () => {
    it('declares something to look up', async () => {
      const { environments, features } = await factory()
      expect(environments.length).toBeGreaterThan(0)
      expect(features.length).toBeGreaterThan(0)
    })

    it('resolves every known environment by key and every known feature by id', async () => {
      const { lookup, environments, features } = await factory()
      for (const environment of environments) {
        expect(await lookup.environmentByKey(environment.key)).toEqual(environment)
        expect(await lookup.environmentById(environment.id)).toEqual(environment)
      }
      for (const feature of features) {
        const found = await lookup.featureById(feature.id)
        expect(found).toEqual(feature)
        expect(['multivariate', 'standard']).toContain(found?.type)
      }
    })

    it('resolves unknown keys and ids to null', async () => {
      const { lookup, unknownEnvironmentKey, unknownEnvironmentId, unknownFeatureId } = await factory()
      expect(
        await lookup.environmentByKey(unknownEnvironmentKey ?? `missing-${crypto.randomUUID()}`),
      ).toBeNull()
      expect(
        await lookup.environmentById(unknownEnvironmentId ?? `missing-${crypto.randomUUID()}`),
      ).toBeNull()
      expect(await lookup.featureById(unknownFeatureId ?? `missing-${crypto.randomUUID()}`)).toBeNull()
    })

    it('answers concurrent lookups like sequential ones', async () => {
      const { lookup, environments, features } = await factory()
      const keys = [...environments.map((e) => e.key), ...environments.map((e) => e.key)]
      const ids = [...features.map((f) => f.id), ...features.map((f) => f.id)]
      const environmentIds = [...environments.map((e) => e.id), ...environments.map((e) => e.id)]
      const [byKey, byEnvironmentId, byId] = await Promise.all([
        Promise.all(keys.map((key) => lookup.environmentByKey(key))),
        Promise.all(environmentIds.map((id) => lookup.environmentById(id))),
        Promise.all(ids.map((id) => lookup.featureById(id))),
      ])
      expect(byKey).toEqual([...environments, ...environments])
      expect(byEnvironmentId).toEqual([...environments, ...environments])
      expect(byId).toEqual([...features, ...features])
    })
  })
}
