import { type Actor, type Environment } from '../core/domain/experiment.js'
import type { PermissionPolicy } from '../ports/permission-policy.js'
import type { TestApi } from './test-api.js'
import { EXPERIMENT_ACTIONS, type ExperimentAction } from '../core/domain/vocabulary.js'

/** One question to the policy with the answer the host expects. */
export type PermissionExpectation =
  | { readonly environment: Environment; readonly enabled: boolean }
  | {
      readonly environment: Environment
      readonly actor: Actor
      readonly action: ExperimentAction
      readonly allowed: boolean
    }

/** What a host's factory hands {@link testPermissionPolicy}: the policy and its expected answers. */
export interface PermissionPolicyFixture {
  readonly policy: PermissionPolicy
  /** Must include at least one `true` and one `false` answer of `can`. */
  readonly expectations: readonly PermissionExpectation[]
}

const ask = (policy: PermissionPolicy, expectation: PermissionExpectation): Promise<boolean> =>
  'enabled' in expectation
    ? policy.isEnabled(expectation.environment)
    : policy.can(expectation.actor, expectation.action, expectation.environment)

const expected = (expectation: PermissionExpectation): boolean =>
  'enabled' in expectation ? expectation.enabled : expectation.allowed

/**
 * The contract every {@link PermissionPolicy} must pass: it answers exactly `true` or `false`
 * (the service denies anything else), agrees with the host's expected answers, answers every
 * action, and gives the same answers concurrently as one by one.
 *
 * @example
 * ```ts
 * testPermissionPolicy(vitest, () => ({
 *   policy: createMyPolicy(),
 *   expectations: [
 *     { environment: dev, enabled: true },
 *     { environment: dev, actor: admin, action: 'start', allowed: true },
 *     { environment: dev, actor: viewer, action: 'start', allowed: false },
 *   ],
 * }))
 * ```
 */
export function testPermissionPolicy(
  test: TestApi,
  factory: () => PermissionPolicyFixture | Promise<PermissionPolicyFixture>,
  name = 'PermissionPolicy contract',
): void {
  const { describe, it, expect } = test
  describe(name, () => {
    it('is given both an allowed and a denied case', async () => {
      const answers = (await factory()).expectations.filter((e) => 'allowed' in e).map(expected)
      expect(answers).toContain(true)
      expect(answers).toContain(false)
    })

    it('answers each question exactly as the host expects', async () => {
      const { policy, expectations } = await factory()
      for (const expectation of expectations)
        expect(await ask(policy, expectation)).toBe(expected(expectation))
    })

    it('answers every action with a boolean', async () => {
      const { policy, expectations } = await factory()
      const [{ environment }] = expectations as [PermissionExpectation]
      const actor = expectations.find((e) => 'actor' in e)?.actor ?? { type: 'user', id: 'contract-suite' }
      for (const action of EXPERIMENT_ACTIONS)
        expect(typeof (await policy.can(actor, action, environment))).toBe('boolean')
    })

    it('answers concurrent questions like sequential ones', async () => {
      const { policy, expectations } = await factory()
      const answers = await Promise.all([...expectations, ...expectations].map((e) => ask(policy, e)))
      expect(answers).toEqual([...expectations, ...expectations].map(expected))
    })
  })
}
