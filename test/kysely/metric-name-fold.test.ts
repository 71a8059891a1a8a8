import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldName } from '../../src/core/domain/fold-name.js'
import { createExperimentService, type ExperimentService } from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { createMemoryAdapters } from '../../src/memory.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, DEV, serviceWith } from './kysely-fixture.js'

/**
 * Metric names are unique ignoring case by one fold (`foldName`) in every adapter: the memory
 * adapter and the database agree on each tricky pair, and both agree with the fold.
 */
let database: TestDatabase
let services: Record<'memory' | 'kysely', ExperimentService>
beforeAll(async () => {
  database = await openTestDatabase()
  services = {
    memory: createExperimentService(createMemoryAdapters({ environments: [DEV], features: [] })),
    kysely: serviceWith(createKyselyAdapters(database.db, { schema: database.schema })),
  }
})
afterAll(async () => {
  await database.close()
})

/** [first name, second name, whether they are the same name] */
const PAIRS: readonly (readonly [string, string, boolean])[] = [
  ['ΣΟΦΟΣ x', 'σοφος x', true],
  ['σοφοσ', 'σοφος', true],
  ['Straße', 'STRAẞE', true],
  ['Straße', 'STRASSE', false],
  ['İstanbul', 'istanbul', false],
  ['ılık', 'ILIK', false],
  ['ﬁle', 'FILE', true],
  ['café', 'CAFE\u0301', true],
  ['Ｆｕｌｌ', 'full', true],
  ['Ω unit', 'ω UNIT', true],
  ['ǅ', 'ǆ', true],
  ['a\u0301b', 'áb', true],
  ['Checkout', 'Checkouts', false],
]

describe.each(['memory', 'kysely'] as const)('metric names on %s', (adapter) => {
  it.each(PAIRS)('%s then %s: taken %s', async (first, second, same) => {
    const service = services[adapter]
    expect(foldName(first) === foldName(second)).toBe(same)
    const metric = (name: string) => ({
      name,
      event: 'purchase',
      aggregation: 'count' as const,
      direction: 'up' as const,
    })
    const suffix = ` ${crypto.randomUUID()}`
    ;(await service.createMetric(ACTOR, 'dev', metric(first + suffix)))._unsafeUnwrap()
    const answer = await service.createMetric(ACTOR, 'dev', metric(second + suffix))
    expect(answer.isErr() ? answer.error.code : 'created').toBe(same ? 'metric_name_taken' : 'created')
  })
})
