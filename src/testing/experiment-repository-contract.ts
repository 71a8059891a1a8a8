import type { RepositoryFactory, RepositoryFixture } from './repository-fixture.js'
import { describeRepositoryDesign } from './repository-design-contract.js'
import { describeRepositoryFinalResults } from './repository-final-results-contract.js'
import { describeRepositoryIngestionTargets } from './repository-ingestion-contract.js'
import { describeRepositoryReads } from './repository-read-contract.js'
import { describeRepositorySchedule } from './repository-schedule-contract.js'
import { describeRepositoryWrites } from './repository-write-contract.js'
import type { TestApi } from './test-api.js'

/**
 * The contract every {@link ExperimentRepository} must pass, registered with the test runner's
 * functions ({@link TestApi}: vitest's or jest's): atomic writes
 * with their audit entry and history row (also when the audit sink fails), one active
 * experiment per slot, compare-and-set, environment scoping, soft delete, list order, keyset
 * cursor, filters and status counts; metrics and rollout persisted, metrics joined with the
 * catalogue and never attached when missing or deleted; a completed experiment's final results kept
 * exactly, the first save winning; schedules persisted and the due query (every environment, due
 * order, keyset paging); what checking exposures needs, read in one call. What was stored is checked through the fixture's back
 * door, not only through the repository. The factory runs before each test and must hand out
 * fresh state.
 *
 * @example
 * ```ts
 * // test/contract/my-repository.test.ts
 * import * as vitest from 'vitest'
 * import { testExperimentRepository } from 'flag-experiments/testing'
 *
 * testExperimentRepository(vitest, async () => {
 *   const db = await openMyTestDatabase()
 *   return {
 *     repository: createMyRepository(db),
 *     metrics: createMyMetricRepository(db),
 *     stored: { experiment: (id) => …, history: (id) => …, auditEntries: (id) => …, metric: (id) => … },
 *     breakAudit: () => db.exec('create trigger … raise …'),
 *     close: () => db.close(),
 *   }
 * })
 * ```
 */
export function testExperimentRepository(
  test: TestApi,
  factory: RepositoryFactory,
  name = 'ExperimentRepository contract',
): void {
  const { describe, beforeEach, afterEach } = test
  describe(name, () => {
    let fixture: RepositoryFixture | undefined
    beforeEach(async () => {
      fixture = await factory()
    })
    afterEach(async () => {
      await fixture?.close?.()
      fixture = undefined
    })
    const current = (): RepositoryFixture => {
      if (fixture === undefined) throw new Error('contract suite: no fixture (did the factory fail?)')
      return fixture
    }
    describe('writes', () => describeRepositoryWrites(test, current))
    describe('reads', () => describeRepositoryReads(test, current))
    describe('design', () => describeRepositoryDesign(test, current))
    describe('final results', () => describeRepositoryFinalResults(test, current))
    describe('schedule', () => describeRepositorySchedule(test, current))
    describe('ingestion targets', () => describeRepositoryIngestionTargets(test, current))
  })
}
