import * as vitest from 'vitest'
import { afterAll } from 'vitest'
import { createClickHouseExperimentData } from '../../src/clickhouse.js'
import { testExperimentData } from '../../src/testing.js'
import { clickHouseEngine, openTestClickHouse, type TestClickHouse } from '../support/clickhouse.js'

/** One fresh database for this file; each test works in fresh environments and experiments. */
let opened: Promise<TestClickHouse> | undefined
const database = () => (opened ??= openTestClickHouse())
afterAll(async () => {
  await (await opened)?.close()
})

testExperimentData(
  vitest,
  async () => {
    const { client, database: name } = await database()
    return {
      data: createClickHouseExperimentData(client, { database: name }),
      createExperiment: () => Promise.resolve(crypto.randomUUID()),
    }
  },
  `clickhouse experiment data on ${clickHouseEngine}`,
)
