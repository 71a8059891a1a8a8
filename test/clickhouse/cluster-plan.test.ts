import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createClickHouseExperimentData } from '../../src/clickhouse.js'
import { clickHouseEngine, openTestClickHouse, type TestClickHouse } from '../support/clickhouse.js'

const at = new Date('2030-01-01T00:00:00Z')
const query = (experimentId: string) => ({
  environmentId: 'env',
  experimentId,
  window: { from: at, to: new Date('2030-01-02T00:00:00Z') },
  metrics: [{ metricId: 'm', event: 'purchase', aggregation: 'sum' as const }],
})

/** A client that records the statements it is given and answers no rows (a stored count of 1). */
function recordingClient() {
  const statements: { query: string; query_params?: Record<string, unknown> }[] = []
  return {
    statements,
    query: (params: { query: string; query_params?: Record<string, unknown> }) => {
      statements.push(params)
      const rows = params.query.includes('AS stored') ? [{ stored: 1 }] : []
      return Promise.resolve({ json: () => Promise.resolve(rows) })
    },
    command: (params: { query: string; query_params?: Record<string, unknown> }) => {
      statements.push(params)
      return Promise.resolve({})
    },
  }
}

describe(`the cluster plan (checked on ${clickHouseEngine} shard by shard, as no cluster runs here)`, () => {
  let opened: TestClickHouse | undefined
  afterAll(async () => {
    await opened?.close()
  })

  it('summarizes per shard over the local tables and adds up per-variant sums only', async () => {
    const client = recordingClient()
    const data = createClickHouseExperimentData(client, { database: 'flags', cluster: 'main' })
    await data.summarize(query(randomUUID()))
    expect(client.statements).toHaveLength(1)
    const [statement] = client.statements
    expect(statement?.query).toMatch(/^SELECT clean, variant, sum\(identities\) AS identities, /)
    expect(statement?.query).toContain("FROM cluster('main', view(")
    expect(statement?.query).toContain('FROM `flags`.`flag_experiments_events_local` FINAL')
    expect(statement?.query).toContain('FROM `flags`.`flag_experiments_exposures_local`')
    expect(statement?.query).toMatch(/GROUP BY clean, variant\s+SETTINGS .*prefer_column_name_to_alias = 1$/)
  })

  it('writes through the Distributed tables synchronously', async () => {
    const client = recordingClient()
    const data = createClickHouseExperimentData(client, { database: 'flags', cluster: 'main' })
    await data.recordExposures([{ experimentId: randomUUID(), identity: 'u1', variant: 'a', at }])
    const insert = client.statements.find((s) => s.query.startsWith('INSERT'))
    expect(insert?.query).toMatch(/^INSERT INTO `flags`\.`flag_experiments_exposures` \(/)
    expect(insert?.query).toContain('distributed_foreground_insert = 1')
  })

  it("runs one shard's statement for real on local tables of the same layout", async () => {
    opened = await openTestClickHouse()
    const { client, database } = opened
    for (const name of ['flag_experiments_exposures', 'flag_experiments_events']) {
      await client.command({ query: `CREATE TABLE ${database}.${name}_local AS ${database}.${name}` })
    }
    const local = createClickHouseExperimentData(client, { database })
    const experimentId = randomUUID()
    await local.recordExposures([
      { experimentId, identity: 'u1', variant: 'a', at },
      { experimentId, identity: 'u2', variant: 'b', at },
    ])
    await local.recordEvents('env', [{ id: randomUUID(), identity: 'u1', event: 'purchase', value: 3, at }])
    for (const name of ['flag_experiments_exposures', 'flag_experiments_events']) {
      await client.command({
        query: `INSERT INTO ${database}.${name}_local SELECT * FROM ${database}.${name}`,
      })
    }
    const recorder = recordingClient()
    await createClickHouseExperimentData(recorder, { database, cluster: 'main' }).summarize(
      query(experimentId),
    )
    const [statement] = recorder.statements
    const shard = /view\(([\s\S]*)\)\)\s+GROUP BY clean, variant/.exec(statement?.query ?? '')?.[1]
    expect(shard).toBeDefined()
    const rows = await opened.rows(shard!, statement?.query_params)
    const perVariant = new Map<string, [number, number]>()
    for (const row of rows) {
      const [identities, sum] = perVariant.get(String(row['variant'])) ?? [0, 0]
      perVariant.set(String(row['variant']), [
        identities + Number(row['identities']),
        sum + Number(row['value_sum_0']),
      ])
    }
    expect(Object.fromEntries(perVariant)).toEqual({ a: [1, 3], b: [1, 0] })
  })
})
