import { testExperimentRepository } from '../../src/testing.js'
import { openTestDatabase } from '../support/database.js'
import { kyselyRepositoryFixture } from './kysely-fixture.js'

const engine = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'

testExperimentRepository(
  async () => kyselyRepositoryFixture(await openTestDatabase(), 'library'),
  `kysely repository on ${engine}, library audit table`,
)

testExperimentRepository(
  async () => kyselyRepositoryFixture(await openTestDatabase(), 'host'),
  `kysely repository on ${engine}, host audit sink in the transaction`,
)
