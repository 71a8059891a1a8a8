/**
 * Contract test suites for hosts' own adapters, the same ones the shipped adapters pass:
 * `flag-experiments/testing`. Needs vitest (an optional peer dependency).
 *
 * @packageDocumentation
 */
export { testExperimentRepository } from './testing/experiment-repository-contract.js'
export { testMetricRepository } from './testing/metric-repository-contract.js'
export type { RepositoryFactory, RepositoryFixture, StoredState } from './testing/repository-fixture.js'
export { testFeatureLookup } from './testing/feature-lookup-contract.js'
export type { FeatureLookupFixture } from './testing/feature-lookup-contract.js'
export { testPermissionPolicy } from './testing/permission-policy-contract.js'
export type { PermissionExpectation, PermissionPolicyFixture } from './testing/permission-policy-contract.js'
