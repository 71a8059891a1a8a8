import { randomUUID } from 'node:crypto'
import { createClient } from '@clickhouse/client'
import { afterAll, describe, expect, it } from 'vitest'
import { CLICKHOUSE_TABLE_NAMES, createClickHouseExperimentData } from '../../src/clickhouse.js'
import {
  clickHouseEngine,
  embeddedConnection,
  openTestClickHouse,
  type TestClickHouse,
} from '../support/clickhouse.js'

const at = new Date('2030-01-01T00:00:00Z')
const window = { from: at, to: new Date('2030-01-02T00:00:00Z') }

describe(`clickhouse experiment data on ${clickHouseEngine}: retries and copies`, () => {
  let opened: TestClickHouse | undefined
  const clients: { close(): Promise<void> }[] = []
  afterAll(async () => {
    for (const client of clients) await client.close()
    await opened?.close()
  })

  /** Ten independent clients (ten senders) on the same database. */
  const tenSenders = (database: string) =>
    Array.from({ length: 10 }, () => {
      const url = process.env.CLICKHOUSE_URL
      const client = url ? createClient({ url }) : createClient({ connection: embeddedConnection() })
      clients.push(client)
      return createClickHouseExperimentData(client, { database })
    })

  it('stores one batch retried at once by 10 clients once: accepted adds up to its size, results count each item once', async () => {
    opened = await openTestClickHouse()
    const senders = tenSenders(opened.database)
    const environmentId = `env-${randomUUID()}`
    const experimentId = randomUUID()
    const exposures = Array.from({ length: 200 }, (_, i) => ({
      experimentId,
      identity: `u${i}`,
      variant: i % 2 === 0 ? 'control' : 'treatment',
      at,
    }))
    const events = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      identity: `u${i % 200}`,
      event: 'purchase',
      value: 1,
      at,
    }))
    const exposureOutcomes = await Promise.all(senders.map((data) => data.recordExposures(exposures)))
    const eventOutcomes = await Promise.all(senders.map((data) => data.recordEvents(environmentId, events)))
    const accepted = (outcomes: readonly { accepted: number; duplicates: number }[], size: number) => {
      for (const outcome of outcomes) expect(outcome.accepted + outcome.duplicates).toBe(size)
      return outcomes.reduce((sum, outcome) => sum + outcome.accepted, 0)
    }
    expect([accepted(exposureOutcomes, 200), accepted(eventOutcomes, 1000)]).toEqual([200, 1000])
    const summary = await senders[3]!.summarize({
      environmentId,
      experimentId,
      window,
      metrics: [{ metricId: 'm', event: 'purchase', aggregation: 'count' }],
    })
    expect(summary.variants).toEqual([
      { variant: 'control', exposures: 100 },
      { variant: 'treatment', exposures: 100 },
    ])
    expect(summary.metrics[0]?.variants.map((v) => v.sum)).toEqual([500, 500])
  })

  it('counts an event once while a second stored copy of it (two racing senders) is not merged yet', async () => {
    opened ??= await openTestClickHouse()
    const { client, database } = opened
    const data = createClickHouseExperimentData(client, { database })
    const events = `${database}.${CLICKHOUSE_TABLE_NAMES.events}`
    // Background merges would fold the copies at any moment: this test reads them unmerged.
    await client.command({ query: `SYSTEM STOP MERGES ${events}` })
    const environmentId = `env-${randomUUID()}`
    const experimentId = randomUUID()
    await data.recordExposures([{ experimentId, identity: 'u1', variant: 'control', at }])
    const event = { id: randomUUID(), identity: 'u1', event: 'purchase', value: 5, at }
    await data.recordEvents(environmentId, [event])
    // What a racing sender's insert leaves: the same event again, in a part of its own.
    await client.command({
      query: `INSERT INTO ${events} (environment_id, id, identity, event, value, at, batch)
        VALUES ({environment:String}, {id:UUID}, 'u1', 'purchase', 5, '2030-01-01 00:00:00', 7)`,
      query_params: { environment: environmentId, id: event.id },
    })
    const [copies] = await opened.rows<{ n: number }>(
      `SELECT count() AS n FROM ${events} WHERE id = {id:UUID}`,
      { id: event.id },
    )
    expect(Number(copies?.n)).toBe(2)
    const summary = await data.summarize({
      environmentId,
      experimentId,
      window,
      metrics: [
        { metricId: 'count', event: 'purchase', aggregation: 'count' },
        { metricId: 'sum', event: 'purchase', aggregation: 'sum' },
      ],
    })
    expect(summary.metrics.map((m) => m.variants[0])).toEqual([
      { variant: 'control', n: 1, sum: 1, sumSquares: 1 },
      { variant: 'control', n: 1, sum: 5, sumSquares: 25 },
    ])
    await client.command({ query: `SYSTEM START MERGES ${events}` })
  })

  it('reports the sums of a value beyond ±1e15 as not a number (no figure from it) instead of failing', async () => {
    opened ??= await openTestClickHouse()
    const data = createClickHouseExperimentData(opened.client, { database: opened.database })
    const environmentId = `env-${randomUUID()}`
    const experimentId = randomUUID()
    await data.recordExposures([{ experimentId, identity: 'u1', variant: 'control', at }])
    const huge = (value: number) => ({ id: randomUUID(), identity: 'u1', event: 'revenue', value, at })
    await data.recordEvents(environmentId, [huge(Number.MAX_VALUE), huge(Number.MAX_VALUE)])
    const summary = await data.summarize({
      environmentId,
      experimentId,
      window,
      metrics: [{ metricId: 'sum', event: 'revenue', aggregation: 'sum' }],
    })
    expect(summary.metrics[0]?.variants).toEqual([
      { variant: 'control', n: 1, sum: Number.NaN, sumSquares: Number.NaN },
    ])
  })
})
