import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { createClickHouseExperimentData } from '../../src/clickhouse.js'
import { createKyselyExperimentData } from '../../src/kysely.js'
import { createMemoryExperimentData } from '../../src/memory.js'
import type {
  ExperimentData,
  ExperimentSummary,
  Exposure,
  SummaryQuery,
  TrackedEvent,
} from '../../src/ports/experiment-data.js'
import { clickHouseEngine, openTestClickHouse, type TestClickHouse } from '../support/clickhouse.js'
import { insertExperiment, openTestDatabase, type TestDatabase } from '../support/database.js'
import { seededRandom, type Random } from '../support/random.js'

const postgres = process.env.DATABASE_URL ? 'Postgres' : 'PGlite'
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20261206)
const start = Date.UTC(2030, 0, 1)
const minute = (m: number) => new Date(start + m * 60_000)
const DAY = 1440

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!

/**
 * Seeded batches: identities exposed once, twice to one variant (a later repeat), or to two
 * variants; exposures and events before, inside and after the window (minutes 10..100); a
 * quarter of the events one or two days earlier, to the minute (so some are exactly a pre
 * window's length before a first exposure); events with and without values (quarters, so every
 * sum and product is exact in any order), of two names and a case-variant name, in another
 * environment too; batches repeated, and items repeated inside a batch.
 */
function workload(random: Random, experimentId: string, environmentId: string) {
  const exposures: Exposure[][] = []
  const events: { environmentId: string; batch: TrackedEvent[] }[] = []
  for (let b = 0; b < 6; b += 1) {
    const batch: Exposure[] = []
    for (let i = 0; i < 40; i += 1) {
      const identity = `u${Math.floor(random() * 120)}`
      batch.push({
        experimentId,
        identity,
        variant: pick(random, ['control', 'treatment', 'control']),
        at: minute(Math.floor(random() * 120)),
      })
      if (random() < 0.1) batch.push({ ...batch[batch.length - 1]!, at: minute(Math.floor(random() * 120)) })
    }
    exposures.push(batch)
  }
  for (let b = 0; b < 8; b += 1) {
    const batch: TrackedEvent[] = []
    for (let i = 0; i < 80; i += 1) {
      const value = random() < 0.3 ? null : Math.round((random() - 0.3) * 400) / 4
      batch.push({
        id: randomUUID(),
        identity: `u${Math.floor(random() * 130)}`,
        event: pick(random, ['purchase', 'purchase', 'signup', 'Purchase']),
        value,
        at: minute(Math.floor(random() * 130) - (random() < 0.25 ? pick(random, [DAY, 2 * DAY]) : 0)),
      })
      if (random() < 0.1) batch.push({ ...batch[batch.length - 1]!, value: 7 })
    }
    events.push({ environmentId: random() < 0.2 ? `${environmentId}-other` : environmentId, batch })
  }
  return { exposures, events }
}

/** The pre sums of one metric over its variants, so the comparison is known not to be of zeros. */
const preSumsOf = (summary: ExperimentSummary, metricId: string) =>
  summary.metrics
    .find((m) => m.metricId === metricId)!
    .variants.reduce((total, v) => total + (v.pre?.sum ?? 0), 0)

describe(`the same seeded data gives the same summary on memory, Kysely (${postgres}) and ClickHouse (${clickHouseEngine})`, () => {
  let clickHouse: TestClickHouse | undefined
  let database: TestDatabase | undefined
  afterAll(async () => {
    await clickHouse?.close()
    await database?.close()
  })

  it(`agrees on every window, aggregation and pre window (seed ${SEED})`, { timeout: 90_000 }, async () => {
    clickHouse = await openTestClickHouse()
    database = await openTestDatabase()
    const environmentId = `env-${randomUUID()}`
    const experimentId = await insertExperiment(database, environmentId)
    const adapters: Record<string, ExperimentData> = {
      memory: createMemoryExperimentData(),
      kysely: createKyselyExperimentData(database.db, { schema: database.schema }),
      clickhouse: createClickHouseExperimentData(clickHouse.client, { database: clickHouse.database }),
    }
    const { exposures, events } = workload(seededRandom(SEED), experimentId, environmentId)
    const outcomes: Record<string, unknown[]> = {}
    for (const [name, data] of Object.entries(adapters)) {
      const seen: unknown[] = []
      for (const batch of [...exposures, exposures[0]!]) seen.push(await data.recordExposures(batch))
      for (const { environmentId: env, batch } of [...events, events[1]!])
        seen.push(await data.recordEvents(env, batch))
      outcomes[name] = seen
    }
    expect(outcomes['clickhouse']).toEqual(outcomes['memory'])
    expect(outcomes['kysely']).toEqual(outcomes['memory'])
    const metrics = (['occurrence', 'count', 'sum'] as const).flatMap((aggregation) =>
      ['purchase', 'signup', 'Purchase', 'never'].map((event) => ({
        metricId: `${aggregation}-${event}`,
        event,
        aggregation,
      })),
    )
    const windows = [
      { from: minute(0), to: minute(200) },
      { from: minute(10), to: minute(100) },
      { from: minute(30), to: minute(30) },
      { from: minute(150), to: minute(160) },
    ]
    const preWindows = [undefined, 1, 2]
    for (const [index, [window, preExposureDays]] of windows
      .flatMap((w) => preWindows.map((days) => [w, days] as const))
      .entries()) {
      const query: SummaryQuery = { environmentId, experimentId, window, metrics, preExposureDays }
      const expected = await adapters['memory']!.summarize(query)
      if (index === 1) {
        expect(expected.variants.map((v) => v.variant)).toEqual(['control', 'treatment'])
        expect(expected.multipleExposures).toBeGreaterThan(0)
        expect(preSumsOf(expected, 'count-purchase')).toBeGreaterThan(0)
      }
      await expect(adapters['kysely']!.summarize(query)).resolves.toEqual(expected)
      await expect(adapters['clickhouse']!.summarize(query)).resolves.toEqual(expected)
    }
  })
})
