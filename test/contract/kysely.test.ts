import * as vitest from 'vitest'
import { testExperimentRepository } from '../../src/testing.js'
import { openTestDatabase } from '../support/database.js'
import { kyselyRepositoryFixture } from '../kysely/kysely-fixture.js'

const engine = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'

for (const mode of ['library audit', 'host audit', 'host transaction'] as const) {
  testExperimentRepository(
    vitest,
    async () => kyselyRepositoryFixture(await openTestDatabase(), mode),
    `kysely repository on ${engine}: ${mode}`,
  )
}
