import * as vitest from 'vitest'
import { testExperimentRepository, testMetricRepository, testResultsHistory } from '../../src/testing.js'
import { openTestDatabase } from '../support/database.js'
import { kyselyRepositoryFixture } from '../kysely/kysely-fixture.js'

const engine = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'

/**
 * The repository contract suites on the Kysely adapters in one audit mode. Each mode has a test
 * file of its own, so that the three, the longest suites, run on different workers.
 */
export function testKyselyRepositories(mode: 'library audit' | 'host audit' | 'host transaction'): void {
  const fixture = async () => kyselyRepositoryFixture(await openTestDatabase(), mode)
  testExperimentRepository(vitest, fixture, `kysely repository on ${engine}: ${mode}`)
  testMetricRepository(vitest, fixture, `kysely metric repository on ${engine}: ${mode}`)
  testResultsHistory(vitest, fixture, `kysely results history on ${engine}: ${mode}`)
}
