/**
 * `npx tsx bench/data-bench.ts`: ingestion and `summarize` of the Kysely experiment data
 * adapter against hand-written SQL, and `service.results` over the Kysely adapters against that
 * SQL's summary turned into results by the same statistics, interleaved in one run, on PGlite (default) or on the
 * Postgres server in `DATABASE_URL`. `DATA_BENCH_SIZES` (default `10k,100k`; add `1m` on
 * Postgres) sets the exposed identities per summarize scale, `DATA_BENCH_BATCHES` (default 30)
 * the timed ingestion batches per implementation. Prints a summary and the figures as JSON.
 * Run node with `--expose-gc` (e.g. `NODE_OPTIONS=--expose-gc`) for steadier memory figures.
 */
import { randomUUID } from 'node:crypto'
import { summarizeQuery } from '../src/adapters/kysely/experiment-data-queries.js'
import { experimentDataTables } from '../src/adapters/kysely/experiment-data-tables.js'
import { buildResults, type ExperimentResults, type ResultsSubject } from '../src/core/domain/results.js'
import { createExperimentService, type ExperimentSummary, type TrackedEvent } from '../src/index.js'
import { createKyselyAdapters, createKyselyExperimentData, migrateToLatest } from '../src/kysely.js'
import { openBackend, type Backend } from './backend.js'
import { parseCount } from './config.js'
import { baselineInsertEvents, baselineSummarize, type BaselineVariantRow } from './data-baseline.js'
import {
  dataTables,
  SEED_METRICS,
  SEED_START,
  seedExperimentData,
  type SeededExperiment,
} from './data-seed.js'
import { ACTOR, features, permissions } from './fixtures.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import { benchQuery } from './summarize-plans.js'

/** What {@link benchExperimentData} measures. */
export interface DataBenchOptions {
  /** Exposed identities per summarize scale, each with about ten events. */
  readonly sizes: readonly number[]
  /** Timed 1000-event batches per implementation. */
  readonly batches: number
  readonly progress?: (message: string) => void
}

/** Ingestion of 1000-event batches, library against the hand-written multi-row insert. */
export interface IngestFigures {
  readonly batchSize: number
  readonly library: LatencySummary & { readonly eventsPerSec: number }
  readonly baseline: LatencySummary & { readonly eventsPerSec: number }
  /** Library throughput / baseline throughput (goal ≥ 0.9). */
  readonly throughputRatio: number
}

/** `summarize` at one scale, library against the best hand-written query. */
export interface SummarizeFigures {
  readonly identities: number
  readonly exposures: number
  readonly events: number
  /** Seeding with `generate_series`, `vacuum analyze` included. */
  readonly seedSeconds: number
  readonly library: LatencySummary
  readonly baseline: LatencySummary
  /** Library median / baseline median (goal ≤ 1.2). */
  readonly ratio: number
  /** Library median per thousand identities: flat or falling means linear or better. */
  readonly msPerThousandIdentities: number
  /** Whether the baseline computed the same figures as the library. */
  readonly sameFigures: boolean
}

/**
 * `service.results` at one scale (the Kysely adapters: the experiment read, then `summarize`, then
 * the statistics) against the baseline's summary turned into results by the same pure statistics.
 */
export interface ResultsFigures {
  readonly identities: number
  readonly events: number
  readonly library: LatencySummary
  readonly baseline: LatencySummary
  /** Library median / baseline median (goal ≤ 1.2). */
  readonly ratio: number
  /** Library median per thousand identities: flat or falling means linear or better. */
  readonly msPerThousandIdentities: number
  /** Whether both gave the same results body (every figure within 1e-9, relative). */
  readonly sameResults: boolean
}

/** Node's memory around one `summarize` of the largest scale, in MiB. */
export interface SummarizeMemory {
  readonly identities: number
  readonly events: number
  readonly heapBefore: number
  readonly heapAfter: number
  /** Highest heap use sampled every 2 ms while the statement ran, minus `heapBefore`. */
  readonly heapPeakGrowth: number
  readonly rssBefore: number
  readonly rssPeakGrowth: number
  /** Rows the statement returned. */
  readonly rowsReturned: number
}

/** Everything {@link benchExperimentData} measured. */
export interface DataBenchResult {
  readonly server: string
  readonly ingest: IngestFigures
  readonly summarize: readonly SummarizeFigures[]
  readonly results: readonly ResultsFigures[]
  readonly memory: SummarizeMemory | null
}

const BATCH = 1000
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)

function eventBatch(): TrackedEvent[] {
  const at = new Date()
  return Array.from({ length: BATCH }, (_, i) => ({
    id: randomUUID(),
    identity: `user-${Math.floor(Math.random() * 100_000)}`,
    event: i % 3 === 0 ? 'purchase' : 'page_view',
    value: i % 3 === 0 ? (i % 50) + 0.5 : null,
    at,
  }))
}

async function benchIngest(backend: Backend, schema: string, batches: number): Promise<IngestFigures> {
  const data = createKyselyExperimentData(backend.db, { schema })
  const t = dataTables(schema)
  const environmentId = `ingest-${randomUUID()}`
  const library = () => data.recordEvents(environmentId, eventBatch())
  const baseline = () => baselineInsertEvents(backend.sql, t, environmentId, eventBatch())
  for (let i = 0; i < 5; i++) {
    await library()
    await baseline()
  }
  const samples = { library: [] as number[], baseline: [] as number[] }
  for (let i = 0; i < batches; i++) {
    const order = i % 2 === 0 ? (['library', 'baseline'] as const) : (['baseline', 'library'] as const)
    for (const which of order) samples[which].push(await timed(which === 'library' ? library : baseline))
  }
  const withThroughput = (ms: number[]) => {
    const stats = summarize(ms)
    return { ...stats, eventsPerSec: (BATCH * 1000) / stats.mean }
  }
  const lib = withThroughput(samples.library)
  const base = withThroughput(samples.baseline)
  return {
    batchSize: BATCH,
    library: lib,
    baseline: base,
    throughputRatio: lib.eventsPerSec / base.eventsPerSec,
  }
}

const close = (a: number | null, b: number | null) =>
  a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))

/** Whether the library's summary and the baseline's rows say the same. */
function sameFigures(summary: ExperimentSummary, rows: readonly BaselineVariantRow[]): boolean {
  const multiple = rows.find((row) => row.variant === null)?.identities ?? 0
  const perVariant = rows.filter((row) => row.variant !== null)
  const metric = (id: string) => summary.metrics.find((m) => m.metricId === id)?.variants ?? []
  return (
    summary.multipleExposures === multiple &&
    summary.variants.length === perVariant.length &&
    perVariant.every((row) => {
      const of = (id: string) => metric(id).find((v) => v.variant === row.variant)
      const exposures = summary.variants.find((v) => v.variant === row.variant)?.exposures
      return (
        exposures === row.identities &&
        close(of('conversion')?.sum ?? null, row.conversions ?? 0) &&
        close(of('revenue')?.sum ?? null, row.revenue ?? 0) &&
        close(of('revenue')?.sumSquares ?? null, row.revenue_squares ?? 0) &&
        close(of('signups')?.sum ?? null, row.signups ?? 0) &&
        close(of('signups')?.sumSquares ?? null, row.signups_squares ?? 0)
      )
    })
  )
}

function iterationsFor(identities: number): number {
  return identities <= 10_000 ? 15 : identities <= 100_000 ? 7 : 3
}

async function benchSummarizeAt(
  backend: Backend,
  schema: string,
  identities: number,
  progress: (message: string) => void,
): Promise<{ figures: SummarizeFigures; seeded: SeededExperiment }> {
  const t = dataTables(schema)
  await backend.admin.query(`truncate ${t.exposures}, ${t.events}`)
  const seeded = await seedExperimentData(backend.admin, schema, identities)
  progress(
    `  ${identities} identities: ${seeded.events} events seeded in ${(seeded.seedMs / 1000).toFixed(1)} s`,
  )
  const data = createKyselyExperimentData(backend.db, { schema })
  const library = () => data.summarize(benchQuery(seeded))
  const baseline = () => baselineSummarize(backend, t, seeded)
  const same = sameFigures(await library(), await baseline())
  const samples = { library: [] as number[], baseline: [] as number[] }
  for (let i = 0; i < iterationsFor(identities); i++) {
    const order = i % 2 === 0 ? (['library', 'baseline'] as const) : (['baseline', 'library'] as const)
    for (const which of order) samples[which].push(await timed(which === 'library' ? library : baseline))
  }
  const lib = summarize(samples.library)
  const base = summarize(samples.baseline)
  progress(`  library ${lib.median.toFixed(0)} ms, baseline ${base.median.toFixed(0)} ms`)
  return {
    seeded,
    figures: {
      identities,
      exposures: seeded.exposures,
      events: seeded.events,
      seedSeconds: seeded.seedMs / 1000,
      library: lib,
      baseline: base,
      ratio: lib.median / base.median,
      msPerThousandIdentities: lib.median / (identities / 1000),
      sameFigures: same,
    },
  }
}

/** The seeded experiment as the results need it: started at the seed's start, a 50/50 split, its metrics. */
export function seededSubject(seeded: Pick<SeededExperiment, 'metricIds'>): ResultsSubject {
  return {
    startedAt: SEED_START,
    endedAt: null,
    rollout: {
      trafficPercentage: 100,
      allocations: [
        { variant: 'control', weight: 50 },
        { variant: 'treatment', weight: 50 },
      ],
    },
    metrics: SEED_METRICS.map((m) => ({
      metricId: seeded.metricIds[m.key],
      role: m.role,
      expectedDirection: m.direction,
      name: m.key,
      event: m.event,
      aggregation: m.aggregation,
    })),
  }
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The baseline's rows as the summary the statistics read. */
function summaryFromBaseline(
  rows: readonly BaselineVariantRow[],
  seeded: SeededExperiment,
): ExperimentSummary {
  const clean = rows
    .flatMap((row) => (row.variant === null ? [] : [{ ...row, variant: row.variant }]))
    .sort((a, b) => byCodeUnits(a.variant, b.variant))
  const metric = (metricId: string, sums: (row: BaselineVariantRow) => [number | null, number | null]) => ({
    metricId,
    variants: clean.map((row) => {
      const [sum, sumSquares] = sums(row)
      return { variant: row.variant, n: row.identities, sum: sum ?? 0, sumSquares: sumSquares ?? 0 }
    }),
  })
  return {
    variants: clean.map((row) => ({ variant: row.variant, exposures: row.identities })),
    multipleExposures: rows.find((row) => row.variant === null)?.identities ?? 0,
    metrics: [
      metric(seeded.metricIds.conversion, (row) => [row.conversions, row.conversions]),
      metric(seeded.metricIds.revenue, (row) => [row.revenue, row.revenue_squares]),
      metric(seeded.metricIds.signups, (row) => [row.signups, row.signups_squares]),
    ],
    // Not counted by the baseline, and left out when the bodies are compared.
    dataQuality: { exposuresBeforeWindow: 0, exposuresAfterWindow: 0, eventsBeforeExposure: 0 },
  }
}

/** Whether two results bodies say the same, numbers within 1e-9 (relative). */
function sameBody(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return close(a, b)
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((key) =>
    sameBody((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  )
}

async function benchResultsAt(
  backend: Backend,
  schema: string,
  seeded: SeededExperiment,
): Promise<ResultsFigures> {
  const asOf = seeded.window.to
  const { repository, metrics, experimentData } = createKyselyAdapters(backend.db, { schema })
  const service = createExperimentService({
    repository,
    metrics,
    experimentData,
    features,
    permissions,
    clock: { now: () => asOf },
  })
  const t = dataTables(schema)
  const subject = seededSubject(seeded)
  const library = async (): Promise<ExperimentResults> => {
    const results = await service.results(ACTOR, seeded.environmentId, seeded.experimentId)
    if (results.isErr())
      throw new Error(`library results failed: ${results.error.code} ${results.error.message}`)
    return results.value
  }
  const baseline = async (): Promise<ExperimentResults> =>
    buildResults(subject, summaryFromBaseline(await baselineSummarize(backend, t, seeded), seeded), {
      asOf,
      isFinal: false,
    })
  // The baseline does not count data quality (the contract suites check those counts).
  const figures = ({ dataQuality: _, ...rest }: ExperimentResults) => rest
  const same = sameBody(figures(await library()), figures(await baseline()))
  const samples = { library: [] as number[], baseline: [] as number[] }
  for (let i = 0; i < iterationsFor(seeded.identities); i++) {
    const order = i % 2 === 0 ? (['library', 'baseline'] as const) : (['baseline', 'library'] as const)
    for (const which of order) samples[which].push(await timed(which === 'library' ? library : baseline))
  }
  const lib = summarize(samples.library)
  const base = summarize(samples.baseline)
  return {
    identities: seeded.identities,
    events: seeded.events,
    library: lib,
    baseline: base,
    ratio: lib.median / base.median,
    msPerThousandIdentities: lib.median / (seeded.identities / 1000),
    sameResults: same,
  }
}

/** Node's heap and RSS around one `summarize`, sampled while the statement runs. */
async function measureMemory(
  backend: Backend,
  schema: string,
  seeded: SeededExperiment,
): Promise<SummarizeMemory> {
  const data = createKyselyExperimentData(backend.db, { schema })
  const compiled = summarizeQuery(experimentDataTables(schema), benchQuery(seeded)).compile(backend.db)
  const { rows } = await backend.admin.query(compiled.sql, compiled.parameters)
  gc()
  const before = process.memoryUsage()
  let peak = before
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    if (now.heapUsed > peak.heapUsed || now.rss > peak.rss)
      peak = { ...now, heapUsed: Math.max(now.heapUsed, peak.heapUsed), rss: Math.max(now.rss, peak.rss) }
  }, 2)
  await data.summarize(benchQuery(seeded))
  clearInterval(sampler)
  const after = process.memoryUsage()
  return {
    identities: seeded.identities,
    events: seeded.events,
    heapBefore: mib(before.heapUsed),
    heapAfter: mib(after.heapUsed),
    heapPeakGrowth: mib(Math.max(peak.heapUsed, after.heapUsed) - before.heapUsed),
    rssBefore: mib(before.rss),
    rssPeakGrowth: mib(Math.max(peak.rss, after.rss) - before.rss),
    rowsReturned: rows.length,
  }
}

/** Runs every data measurement on `backend` in a schema of its own, dropped at the end. */
export async function benchExperimentData(
  backend: Backend,
  options: DataBenchOptions,
): Promise<DataBenchResult> {
  const progress = options.progress ?? (() => undefined)
  const schema = `bench_data_${randomUUID().replace(/-/g, '').slice(0, 8)}`
  try {
    await migrateToLatest(backend.db, { schema })
    progress(`ingestion: ${options.batches} batches of ${BATCH} events per implementation…`)
    const ingest = await benchIngest(backend, schema, options.batches)
    const scales: SummarizeFigures[] = []
    const results: ResultsFigures[] = []
    let memory: SummarizeMemory | null = null
    for (const [index, identities] of [...options.sizes].sort((a, b) => a - b).entries()) {
      progress(`summarize at ${identities} identities…`)
      const { figures, seeded } = await benchSummarizeAt(backend, schema, identities, progress)
      scales.push(figures)
      progress(`results at ${identities} identities…`)
      const resultFigures = await benchResultsAt(backend, schema, seeded)
      progress(
        `  library ${resultFigures.library.median.toFixed(0)} ms, baseline ${resultFigures.baseline.median.toFixed(0)} ms`,
      )
      results.push(resultFigures)
      if (index === options.sizes.length - 1) memory = await measureMemory(backend, schema, seeded)
    }
    return { server: backend.serverVersion, ingest, summarize: scales, results, memory }
  } finally {
    await backend.admin.query(`drop schema if exists "${schema}" cascade`)
  }
}

function report(result: DataBenchResult): string {
  const { ingest } = result
  const lines = [
    `server: ${result.server}`,
    `ingestion, ${ingest.batchSize}-event batches: library ${ingest.library.eventsPerSec.toFixed(0)} events/s ` +
      `(median ${ingest.library.median.toFixed(1)} ms), baseline ${ingest.baseline.eventsPerSec.toFixed(0)} events/s ` +
      `(median ${ingest.baseline.median.toFixed(1)} ms): ratio ${ingest.throughputRatio.toFixed(2)}× (goal ≥ 0.9×)`,
    'summarize (median ms): identities | events | seed s | library | baseline | ratio | ms per 1k identities | same figures',
    ...result.summarize.map(
      (s) =>
        `  ${s.identities} | ${s.events} | ${s.seedSeconds.toFixed(1)} | ${s.library.median.toFixed(1)} | ` +
        `${s.baseline.median.toFixed(1)} | ${s.ratio.toFixed(2)}× | ${s.msPerThousandIdentities.toFixed(2)} | ${s.sameFigures}`,
    ),
  ]
  lines.push(
    'results (median ms): identities | events | library | baseline | ratio | ms per 1k identities | same results',
    ...result.results.map(
      (r) =>
        `  ${r.identities} | ${r.events} | ${r.library.median.toFixed(1)} | ${r.baseline.median.toFixed(1)} | ` +
        `${r.ratio.toFixed(2)}× | ${r.msPerThousandIdentities.toFixed(2)} | ${r.sameResults}`,
    ),
  )
  if (result.memory !== null) {
    const m = result.memory
    lines.push(
      `memory around summarize at ${m.identities} identities / ${m.events} events: heap ${m.heapBefore} → ${m.heapAfter} MiB ` +
        `(peak +${m.heapPeakGrowth} MiB), RSS ${m.rssBefore} MiB (peak +${m.rssPeakGrowth} MiB), ${m.rowsReturned} rows returned`,
    )
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const progress = (message: string) => process.stderr.write(`${message}\n`)
  const backend = await openBackend(process.env.DATABASE_URL || null)
  try {
    const result = await benchExperimentData(backend, {
      sizes: (process.env.DATA_BENCH_SIZES ?? '10k,100k').split(',').map(parseCount),
      batches: Number(process.env.DATA_BENCH_BATCHES ?? 30),
      progress,
    })
    process.stdout.write(`${report(result)}\n${JSON.stringify(result, null, 2)}\n`)
  } finally {
    await backend.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
