/**
 * The `clickhouse` section of `npm run bench` (`BENCH_SECTIONS=clickhouse`, never in the default
 * run): `summarize` and results (`summarize`, then the statistics) of the ClickHouse adapter on
 * embedded chDB against the best hand-written ClickHouse query, and against the Kysely adapter on
 * the run's Postgres (or PGlite), in the same run on the same data. Scales from
 * `BENCH_CLICKHOUSE_SCALES` (default `100k,1m,10m` identities, ten events each); Postgres only up
 * to `BENCH_CLICKHOUSE_POSTGRES_MAX` (default `1m`: ten million identities take it minutes a call).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@clickhouse/client'
import { createChdbConnection } from 'chdb/connection'
import { createClickHouseExperimentData, migrateClickHouse } from '../src/clickhouse.js'
import { buildResults } from '../src/core/domain/results.js'
import type { ExperimentData, SummaryQuery } from '../src/index.js'
import { createKyselyExperimentData } from '../src/kysely.js'
import type { Backend } from './backend.js'
import { handWrittenSummary, seedClickHouse } from './clickhouse-seed.js'
import { parseCount } from './config.js'
import { seededSubject } from './data-bench.js'
import { SEED_METRICS, seedExperimentData, type SeededExperiment } from './data-seed.js'
import { summarize, timed, type LatencySummary } from './stats.js'

/** One scale's figures (milliseconds; `null` where not measured). */
export interface ClickHouseScale {
  readonly identities: number
  readonly events: number
  readonly seedSeconds: { readonly clickhouse: number; readonly postgres: number | null }
  readonly summarize: {
    readonly library: LatencySummary
    /** The library with a 14-day pre-exposure window (the CUPED sums in the same statement). */
    readonly libraryPre: LatencySummary
    readonly handWritten: LatencySummary
    readonly postgres: LatencySummary | null
  }
  readonly results: { readonly clickhouse: LatencySummary; readonly postgres: LatencySummary | null }
  /** Node's heap growth during one ClickHouse `summarize`, in MiB. */
  readonly heapGrowthMiB: number
  /** Whether the library's and the hand-written query's figures agree (relative 1e-9). */
  readonly sameAsHandWritten: boolean
}

/** What the section stores in bench/results/clickhouse.json. */
export interface ClickHouseBench {
  readonly date: string
  readonly clickhouse: string
  readonly postgres: string
  readonly load: readonly number[]
  readonly scales: readonly ClickHouseScale[]
}

/** The seeded metrics, each known by its key. */
const metricIds = Object.fromEntries(SEED_METRICS.map((m) => [m.key, m.key])) as SeededExperiment['metricIds']
const metrics = () =>
  SEED_METRICS.map((m) => ({ metricId: m.key, event: m.event, aggregation: m.aggregation }))

const iterationsFor = (identities: number) => (identities >= 10_000_000 ? 2 : identities >= 1_000_000 ? 3 : 7)

/** Times `run` `n` times after one warm-up call. */
async function series(n: number, run: () => Promise<unknown>): Promise<LatencySummary> {
  await run()
  const samples: number[] = []
  for (let i = 0; i < n; i++) samples.push(await timed(run))
  return summarize(samples)
}

/** Node's heap growth (MiB) while `run` runs, sampled every 10 ms. */
async function heapGrowth(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().heapUsed
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10)
  await run()
  clearInterval(timer)
  peak = Math.max(peak, process.memoryUsage().heapUsed)
  return (peak - before) / 2 ** 20
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** Runs the section; `backend` is the run's Postgres (or PGlite) with the library migrated into `schema`. */
export async function benchClickHouse(
  backend: Backend,
  schema: string,
  progress: (message: string) => void,
): Promise<ClickHouseBench> {
  const scales = (process.env.BENCH_CLICKHOUSE_SCALES ?? '100k,1m,10m').split(',').map(parseCount)
  const postgresMax = parseCount(process.env.BENCH_CLICKHOUSE_POSTGRES_MAX ?? '1m')
  const path = mkdtempSync(join(tmpdir(), 'fx-bench-clickhouse-'))
  const client = createClient({ connection: createChdbConnection({ path }) as never })
  const database = 'bench'
  try {
    await migrateClickHouse(client, { database })
    const [version] = await (
      await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' })
    ).json<{ v: string }>()
    const clickhouse = createClickHouseExperimentData(client, { database })
    const postgres = createKyselyExperimentData(backend.db, { schema })
    const figures: ClickHouseScale[] = []
    for (const identities of scales) {
      progress(`clickhouse: seeding ${identities} identities…`)
      const seeded = await seedClickHouse(client, database, identities)
      const query: SummaryQuery = {
        environmentId: seeded.environmentId,
        experimentId: seeded.experimentId,
        window: seeded.window,
        metrics: metrics(),
      }
      const results = (data: ExperimentData, q: SummaryQuery) => async () =>
        buildResults(seededSubject({ metricIds }), await data.summarize(q), {
          asOf: q.window.to,
          isFinal: false,
        })
      const n = iterationsFor(identities)
      progress(`clickhouse: timing ${identities} identities…`)
      const library = await series(n, () => clickhouse.summarize(query))
      const libraryPre = await series(n, () => clickhouse.summarize({ ...query, preExposureDays: 14 }))
      const sql = handWrittenSummary(database, seeded)
      const handWritten = await series(n, async () =>
        (await client.query({ query: sql, format: 'JSONEachRow' })).json(),
      )
      const clickhouseResults = await series(n, results(clickhouse, query))
      const heap = await heapGrowth(() => clickhouse.summarize(query))
      const summary = await clickhouse.summarize(query)
      const rows = await (
        await client.query({ query: sql, format: 'JSONEachRow' })
      ).json<Record<string, number | string>>()
      const total = (variant: string, column: string) =>
        rows.filter((r) => r['variant'] === variant).reduce((s, r) => s + Number(r[column]), 0)
      const same = summary.variants.every(
        (v, i) =>
          close(v.exposures, total(v.variant, 'identities')) &&
          close(summary.metrics[1]!.variants[i]!.sum, total(v.variant, 'revenue')) &&
          close(summary.metrics[0]!.variants[i]!.sum, total(v.variant, 'conversions')),
      )
      let pg: { seed: number; summarize: LatencySummary; results: LatencySummary } | null = null
      if (identities <= postgresMax) {
        progress(`clickhouse: seeding Postgres with ${identities} identities…`)
        const seededPg = await seedExperimentData(backend.admin, schema, identities)
        const pgQuery: SummaryQuery = {
          environmentId: seededPg.environmentId,
          experimentId: seededPg.experimentId,
          window: seededPg.window,
          metrics: metrics(),
        }
        const pgRuns = Math.min(n, 2)
        pg = {
          seed: seededPg.seedMs / 1000,
          summarize: await series(pgRuns, () => postgres.summarize(pgQuery)),
          results: await series(pgRuns, results(postgres, pgQuery)),
        }
      }
      figures.push({
        identities,
        events: seeded.events,
        seedSeconds: { clickhouse: seeded.seedSeconds, postgres: pg?.seed ?? null },
        summarize: { library, libraryPre, handWritten, postgres: pg?.summarize ?? null },
        results: { clickhouse: clickhouseResults, postgres: pg?.results ?? null },
        heapGrowthMiB: heap,
        sameAsHandWritten: same,
      })
      progress(
        `clickhouse ${identities}: summarize ${library.median.toFixed(0)} ms (pre 14 d ${libraryPre.median.toFixed(0)}, hand-written ${handWritten.median.toFixed(0)}, postgres ${pg?.summarize.median.toFixed(0) ?? '-'}), heap +${heap.toFixed(1)} MiB`,
      )
      await client.command({ query: `TRUNCATE TABLE ${database}.flag_experiments_events` })
      await client.command({ query: `TRUNCATE TABLE ${database}.flag_experiments_exposures` })
    }
    return {
      date: new Date().toISOString(),
      clickhouse: `ClickHouse ${version?.v ?? '?'} (chDB, embedded)`,
      postgres: backend.serverVersion,
      load: (await import('node:os')).loadavg(),
      scales: figures,
    }
  } finally {
    await client.close()
    rmSync(path, { recursive: true, force: true })
  }
}
