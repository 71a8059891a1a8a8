import type { ExperimentDataFactory, ExperimentDataFixture } from './experiment-data-fixture.js'
import { describeExperimentDataPrePeriod } from './experiment-data-pre-period-contract.js'
import { describeExperimentDataQuality } from './experiment-data-quality-contract.js'
import { describeExperimentDataSummary } from './experiment-data-summary-contract.js'
import { describeExperimentDataWrites } from './experiment-data-write-contract.js'
import type { TestApi } from './test-api.js'

/**
 * The contract every {@link ExperimentData} must pass, registered with the test runner's functions ({@link TestApi}: vitest's or jest's): batches idempotent
 * (also within one batch and under concurrent retries) and atomic; `summarize` counting
 * exposures and events at the window's inclusive edges, from each identity's first exposure,
 * leaving multiple-exposure identities out, aggregating `occurrence`, `count` and `sum` per
 * identity (identities without events count 0, `null` values add 0), matching event names
 * case-sensitively and reading one environment's events only; counting what the window leaves
 * out (`dataQuality`) and reporting a value too large to sum as figures that are not finite
 * instead of failing; with `preExposureDays`, every metric's pre-exposure sums per variant (the
 * same aggregation over each identity's events in the days before its first exposure, and their
 * products with the value after), and none without it. The factory runs before each test
 * and must hand out fresh state.
 *
 * @example
 * ```ts
 * // test/contract/my-experiment-data.test.ts
 * import * as vitest from 'vitest'
 * import { testExperimentData } from 'flag-experiments/testing'
 *
 * testExperimentData(vitest, async () => {
 *   const warehouse = await openMyTestWarehouse()
 *   return {
 *     data: createMyExperimentData(warehouse),
 *     createExperiment: async () => crypto.randomUUID(),
 *     close: () => warehouse.close(),
 *   }
 * })
 * ```
 */
export function testExperimentData(
  test: TestApi,
  factory: ExperimentDataFactory,
  name = 'ExperimentData contract',
): void {
  const { afterEach, beforeEach, describe } = test
  describe(name, () => {
    let fixture: ExperimentDataFixture | undefined
    beforeEach(async () => {
      fixture = await factory()
    })
    afterEach(async () => {
      await fixture?.close?.()
      fixture = undefined
    })
    const current = (): ExperimentDataFixture => {
      if (fixture === undefined) throw new Error('contract suite: no fixture (did the factory fail?)')
      return fixture
    }
    describe('writes', () => describeExperimentDataWrites(test, current))
    describe('summarize', () => describeExperimentDataSummary(test, current))
    describe('data quality', () => describeExperimentDataQuality(test, current))
    describe('pre-exposure sums', () => describeExperimentDataPrePeriod(test, current))
  })
}
