import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ClickHouseDataError,
  createClickHouseExperimentData,
  type ClickHouseSources,
} from '../../src/clickhouse.js'
import { createMemoryExperimentData } from '../../src/memory.js'
import { clickHouseEngine, openTestClickHouse, type TestClickHouse } from '../support/clickhouse.js'

const minute = (m: number) => new Date(Date.UTC(2030, 0, 1) + m * 60_000)
const text = (at: Date) => at.toISOString().replace('T', ' ').replace('Z', '')

/** The host's own tables: its names, String experiment ids, repeated exposure rows, values as Decimal. */
const HOST_TABLES = [
  `CREATE TABLE {db}.sdk_exposures (exp String, user_id String, arm String, ts DateTime64(3, 'UTC'))
   ENGINE = MergeTree ORDER BY (exp, user_id)`,
  `CREATE TABLE {db}.tracks (env String, uid String, name String, amount Nullable(Decimal(18, 2)), ts DateTime64(3, 'UTC'))
   ENGINE = MergeTree ORDER BY (env, name, uid)`,
]

const sources: ClickHouseSources = {
  exposures: {
    table: 'sdk_exposures',
    columns: { experimentId: 'exp', identity: 'user_id', variant: 'arm', at: 'ts' },
    experimentIdType: 'String',
  },
  events: {
    table: 'tracks',
    columns: { environmentId: 'env', identity: 'uid', event: 'name', value: 'amount', at: 'ts' },
  },
}

describe(`clickhouse experiment data over the host's own tables (sources) on ${clickHouseEngine}`, () => {
  let opened: TestClickHouse | undefined
  afterAll(async () => {
    await opened?.close()
  })

  it('summarizes them as the library does its own data, pre-exposure sums included, and refuses to record', async () => {
    opened = await openTestClickHouse({ migrate: false })
    const { client, database } = opened
    for (const statement of HOST_TABLES) await client.command({ query: statement.replace('{db}', database) })
    const experimentId = randomUUID()
    const environmentId = 'prod'
    const exposures = [
      { experimentId, identity: 'a', variant: 'control', at: minute(5) },
      { experimentId, identity: 'b', variant: 'control', at: minute(1) },
      { experimentId, identity: 'c', variant: 'treatment', at: minute(2) },
      { experimentId, identity: 'd', variant: 'treatment', at: minute(3) },
      { experimentId, identity: 'd', variant: 'control', at: minute(4) },
    ]
    const events = [
      { id: randomUUID(), identity: 'a', event: 'buy', value: 2.5, at: minute(4) },
      { id: randomUUID(), identity: 'a', event: 'buy', value: 4, at: minute(6) },
      { id: randomUUID(), identity: 'b', event: 'buy', value: null, at: minute(7) },
      { id: randomUUID(), identity: 'c', event: 'buy', value: 1.25, at: minute(8) },
      { id: randomUUID(), identity: 'c', event: 'buy', value: 1.25, at: minute(80) },
    ]
    const memory = createMemoryExperimentData()
    await memory.recordExposures(exposures)
    await memory.recordEvents(environmentId, events)
    await memory.recordEvents('staging', [{ ...events[0]!, id: randomUUID(), at: minute(9) }])
    // The host logs every exposure: a later repeat of a's must not move its first exposure.
    const exposureRows = [...exposures, { ...exposures[0]!, at: minute(9) }].map((e) => ({
      exp: e.experimentId,
      user_id: e.identity,
      arm: e.variant,
      ts: text(e.at),
    }))
    const eventRows = [
      ...events.map((e) => ({
        env: environmentId,
        uid: e.identity,
        name: e.event,
        amount: e.value,
        ts: text(e.at),
      })),
      { env: 'staging', uid: 'a', name: 'buy', amount: 2.5, ts: text(minute(9)) },
    ]
    for (const [table, rows] of [
      ['sdk_exposures', exposureRows],
      ['tracks', eventRows],
    ] as const) {
      await client.command({
        query: `INSERT INTO ${database}.${table} SELECT * FROM format(JSONEachRow, {rows:String})`,
        query_params: { rows: rows.map((row) => JSON.stringify(row)).join('\n') },
      })
    }
    const data = createClickHouseExperimentData(client, { database, sources })
    const query = {
      environmentId,
      experimentId,
      window: { from: minute(0), to: minute(60) },
      metrics: [
        { metricId: 'sum', event: 'buy', aggregation: 'sum' as const },
        { metricId: 'count', event: 'buy', aggregation: 'count' as const },
      ],
    }
    const expected = await memory.summarize(query)
    expect(expected.multipleExposures).toBe(1)
    await expect(data.summarize(query)).resolves.toEqual(expected)
    const withPre = { ...query, preExposureDays: 1 }
    const expectedPre = await memory.summarize(withPre)
    expect(expectedPre.metrics[0]?.variants[0]?.pre).toEqual({ sum: 2.5, sumSquares: 6.25, sumProducts: 10 })
    await expect(data.summarize(withPre)).resolves.toEqual(expectedPre)
    for (const record of [
      () => data.recordExposures(exposures),
      () => data.recordEvents(environmentId, events),
    ]) {
      const refusal = await record().then(
        () => null,
        (error: unknown) => error,
      )
      expect(refusal).toBeInstanceOf(ClickHouseDataError)
      expect((refusal as ClickHouseDataError).code).toBe('ingestion_not_supported')
    }
  })

  it('refuses a mapping whose names are not identifiers when it is created, so no SQL is ever written with them', () => {
    const client = {
      query: () => Promise.reject(new Error('no SQL')),
      command: () => Promise.reject(new Error('no SQL')),
    }
    const bad: ClickHouseSources[] = [
      { ...sources, events: { ...sources.events, table: 'tracks; DROP TABLE x' } },
      {
        ...sources,
        events: { ...sources.events, columns: { ...sources.events.columns, value: 'amount`)--' } },
      },
      { ...sources, exposures: { ...sources.exposures, table: 'a.b.c' } },
      {
        ...sources,
        exposures: { ...sources.exposures, columns: { ...sources.exposures.columns, at: 'fx_first' } },
      },
      { ...sources, exposures: { ...sources.exposures, experimentIdType: 'UUID) OR (1' as 'UUID' } },
    ]
    for (const mapping of bad) {
      expect(() => createClickHouseExperimentData(client, { database: 'flags', sources: mapping })).toThrow(
        RangeError,
      )
    }
    expect(() => createClickHouseExperimentData(client, { database: 'flags', cluster: 'a b' })).toThrow(
      RangeError,
    )
  })
})
