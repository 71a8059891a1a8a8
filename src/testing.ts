/**
 * Contract test suites for hosts' own adapters, the same ones the shipped adapters pass:
 * `flag-experiments/testing`. Each suite takes the test runner's functions as its first argument
 * (`describe`, `it`, `expect`, `beforeEach`, `afterEach`: vitest's or jest's), so the package
 * depends on no test runner.
 *
 * @packageDocumentation
 */
export { testExperimentRepository } from './testing/experiment-repository-contract.js'
export { testMetricRepository } from './testing/metric-repository-contract.js'
export type { RepositoryFactory, RepositoryFixture, StoredState } from './testing/repository-fixture.js'
export { memoryStoredState } from './testing/memory-stored-state.js'
export { testFeatureLookup } from './testing/feature-lookup-contract.js'
export type { FeatureLookupFixture } from './testing/feature-lookup-contract.js'
export { testPermissionPolicy } from './testing/permission-policy-contract.js'
export type { PermissionExpectation, PermissionPolicyFixture } from './testing/permission-policy-contract.js'
export type { ContractExpect, ContractMatchers, TestApi } from './testing/test-api.js'
export { testExperimentData } from './testing/experiment-data-contract.js'
export type { ExperimentDataFactory, ExperimentDataFixture } from './testing/experiment-data-fixture.js'
export { testResultsHistory } from './testing/results-history-contract.js'
export type { ResultsHistoryFixture } from './testing/results-history-contract.js'
