// CUPED through the whole service: identities with a spending level of their own spend before and
// after exposure (correlated), the treatment lifts spending by 3%, and results read back through
// the memory adapters and the Kysely ones (PGlite, or the server in DATABASE_URL). The same
// post-exposure data is read three ways: with the pre-exposure events (adjusted), without them
// (unadjusted: the pre sums are all 0) and from a data source that gives no pre sums at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createExperimentService,
  type Environment,
  type ExperimentData,
  type ExperimentResults,
  type VariantComparison,
} from '../../src/index.js'
import { createKyselyAdapters } from '../../src/kysely.js'
import { createManualClock, createMemoryAdapters } from '../../src/memory.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { seededRandom, standardNormal } from '../support/random.js'
import { ok } from './fixture.js'

const ARM_SIZE = 1500
const TRUE_LIFT = 0.03
const BATCH = 1000
const START = '2026-03-01T12:00:00.000Z'
const actor = { type: 'user', id: 'analyst' } as const
const features = [{ id: 'f1', name: 'pricing', projectId: 'p1', type: 'multivariate' as const }]

/** One identity's spending before and after exposure, in the variant it was assigned. */
interface Spender {
  readonly identity: string
  readonly variant: 'control' | 'treatment'
  readonly before: number
  readonly after: number
}

const cents = (value: number) => Math.round(Math.max(0, value) * 100) / 100

/**
 * Seeded spenders, alternately control and treatment: a level of 50·e^(0.35·z) each, spent
 * before and after with noise of standard deviation 8 (a pre/post correlation of about 0.85), the
 * treatment's level after exposure raised by {@link TRUE_LIFT}.
 */
function spenders(seed: number): Spender[] {
  const random = seededRandom(seed)
  return Array.from({ length: 2 * ARM_SIZE }, (_, i) => {
    const level = 50 * Math.exp(0.35 * standardNormal(random))
    const variant = i % 2 === 0 ? 'control' : 'treatment'
    const lift = variant === 'treatment' ? 1 + TRUE_LIFT : 1
    return {
      identity: `spender-${i}`,
      variant,
      before: cents(level + 8 * standardNormal(random)),
      after: cents(level * lift + 8 * standardNormal(random)),
    }
  })
}

/** What a run reads its data through: the adapter under test, perhaps wrapped. */
type DataSource = (environment: Environment) => Partial<Parameters<typeof createExperimentService>[0]>

/** An adapter that cannot read before exposure: it ignores the pre-exposure days asked for. */
function withoutPrePeriod(data: ExperimentData): ExperimentData {
  return {
    recordExposures: (exposures) => data.recordExposures(exposures),
    recordEvents: (environmentId, events) => data.recordEvents(environmentId, events),
    summarize: ({ preExposureDays: _ignored, ...query }) => data.summarize(query),
  }
}

async function inBatches<T>(items: readonly T[], send: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += BATCH) await send(items.slice(i, i + BATCH))
}

/**
 * One experiment in a fresh environment: the spenders exposed a minute after the start, their
 * spending after exposure an hour later and (with `preEvents`) before it a week earlier; completed
 * after a day, its final results read back from the store.
 */
async function run(source: DataSource, data: readonly Spender[], preEvents: boolean) {
  const environment = { id: crypto.randomUUID(), key: 'dev', name: 'Development', projectId: 'p1' }
  const clock = createManualClock(START)
  const service = createExperimentService({
    ...createMemoryAdapters({ environments: [environment], features, clock }),
    ...source(environment),
  })
  const metric = await ok(
    service.createMetric(actor, 'dev', {
      name: 'Revenue',
      event: 'purchase',
      aggregation: 'sum',
      direction: 'up',
    }),
  )
  const { id } = await ok(
    service.create(actor, 'dev', {
      feature: 'f1',
      name: 'Price test',
      hypothesis: 'The new price page sells more',
      metrics: [{ metric: metric.id, role: 'primary', expectedDirection: 'increase' }],
    }),
  )
  await ok(service.start(actor, 'dev', id))
  const exposedAt = new Date(Date.parse(START) + 60_000)
  const at = (offsetMs: number) => new Date(exposedAt.getTime() + offsetMs).toISOString()
  await inBatches(
    data.map(({ identity, variant }) => ({ experiment: id, identity, variant, at: at(0) })),
    (exposures) => ok(service.recordExposures(actor, 'dev', { exposures })),
  )
  const purchase = (identity: string, value: number, when: string) => ({
    id: crypto.randomUUID(),
    identity,
    event: 'purchase',
    value,
    at: when,
  })
  const events = data.flatMap(({ identity, before, after }) => [
    purchase(identity, after, at(3_600_000)),
    ...(preEvents ? [purchase(identity, before, at(-7 * 86_400_000))] : []),
  ])
  await inBatches(events, (batch) => ok(service.recordEvents(actor, 'dev', { events: batch })))
  clock.advance({ days: 1 })
  await ok(service.complete(actor, 'dev', id))
  await ok(service.results(actor, 'dev', id))
  const results: ExperimentResults = await ok(service.results(actor, 'dev', id))
  const [revenue] = results.metrics
  const comparison = revenue?.variants[0]
  if (revenue === undefined || comparison === undefined) throw new Error('results lack the revenue metric')
  return { results, metric: revenue, comparison }
}

const width = (c: VariantComparison) => (c.ciHigh ?? NaN) - (c.ciLow ?? NaN)

/** Where a suite reads its data: a source for each run, and what to close after the suite. */
interface Opened {
  readonly source: DataSource
  readonly close: () => Promise<void>
}

function describeCuped(label: string, open: () => Promise<Opened>) {
  describe(`CUPED end to end on ${label}`, () => {
    const data = spenders(20260301)
    let source: DataSource
    let opened: Opened | undefined

    beforeAll(async () => {
      opened = await open()
      source = opened.source
    })

    afterAll(() => opened?.close())

    it('correlated pre-exposure spending adjusts the metric and narrows its interval markedly', async () => {
      const adjusted = await run(source, data, true)
      const plain = await run(source, data, false)
      expect(adjusted.results.isFinal).toBe(true)
      expect(adjusted.metric.cuped).toBe('adjusted')
      expect(adjusted.results.analysis?.cupedMetrics).toEqual([adjusted.metric.metric])
      // Pre-exposure sums were given, all 0: nothing to adjust with.
      expect(plain.metric.cuped).toBe('unadjusted')
      expect(plain.results.analysis?.cupedMetrics).toEqual([])
      const ratio = width(adjusted.comparison) / width(plain.comparison)
      if (process.env.SIMULATION_REPORT === '1')
        console.info(
          `${label}: CUPED [${adjusted.comparison.ciLow}, ${adjusted.comparison.ciHigh}] / unadjusted [${plain.comparison.ciLow}, ${plain.comparison.ciHigh}] = ${ratio.toFixed(3)}`,
        )
      // With a correlation near 0.85 about √(1 − 0.85²) ≈ 0.53 of the width remains.
      expect(ratio).toBeGreaterThan(0.4)
      expect(ratio).toBeLessThan(0.65)
      for (const { comparison } of [adjusted, plain]) {
        expect(comparison.ciLow).toBeLessThan(TRUE_LIFT)
        expect(comparison.ciHigh).toBeGreaterThan(TRUE_LIFT)
      }
      // The same 3% lift: found with CUPED, not yet without it.
      expect(adjusted.comparison.verdict).toBe('winning')
      expect(plain.comparison.verdict).toBe('inconclusive')
    })

    it('a data source without pre-exposure sums says so and leaves the figures unadjusted', async () => {
      const wrapped: DataSource = (environment) => {
        const adapters = source(environment)
        const experimentData = adapters.experimentData
        if (experimentData === undefined) throw new Error('the source has no experiment data')
        return { ...adapters, experimentData: withoutPrePeriod(experimentData) }
      }
      const blind = await run(wrapped, data, true)
      const plain = await run(source, data, false)
      expect(blind.metric.cuped).toBe('no_pre_exposure_data')
      expect(blind.results.analysis?.cupedMetrics).toEqual([])
      expect(blind.metric.variants).toEqual(plain.metric.variants)
      expect(blind.metric.control).toEqual(plain.metric.control)
    })
  })
}

describeCuped('the memory adapters', () =>
  Promise.resolve({
    source: (environment) => ({
      experimentData: createMemoryAdapters({ environments: [environment], features }).experimentData,
    }),
    close: () => Promise.resolve(),
  }),
)

describeCuped(process.env.DATABASE_URL ? 'Postgres' : 'PGlite', async () => {
  const database: TestDatabase = await openTestDatabase()
  return {
    source: () => createKyselyAdapters(database.db, { schema: database.schema }),
    close: () => database.close(),
  }
})
