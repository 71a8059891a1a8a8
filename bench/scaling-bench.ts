import type { Backend } from './backend.js'
import { tablesIn } from './baseline-sql.js'
import type { BenchConfig } from './config.js'
import { seedExperiments, truncateAll } from './seed.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import { baselineSubject, librarySubject, type Position, type Subject } from './subjects.js'

/** Experiments per environment at every scale: the listed environment looks the same at 1k and at 1M. */
export const PER_ENVIRONMENT = 500
const TARGET = 'scale-0'
/** The deep page starts after this many visible rows of the listed environment. */
const DEEP_OFFSET = 400

/** One measurement at one scale: library and baseline. */
export interface ScaledFigures {
  readonly library: LatencySummary & { readonly roundTrips: number }
  readonly baseline: LatencySummary & { readonly roundTrips: number }
}

/** Everything measured with `rows` experiments in the table. */
export interface ScalePoint {
  readonly rows: number
  readonly historyRows: number
  readonly environments: number
  readonly seedSeconds: number
  readonly listFirst: ScaledFigures
  readonly listDeep: ScaledFigures
  readonly create: ScaledFigures
  /** `EXPLAIN (ANALYZE, BUFFERS)` of the statements the library sent for each list. */
  readonly plans: { readonly listFirst: string; readonly listDeep: string }
  /** Whether any of those plans reads the experiments table with a sequential scan. */
  readonly seqScan: boolean
}

const SEQ_SCAN = /Seq Scan on flag_experiments(?![_\w])/

async function explain(backend: Backend, sql: string, parameters: readonly unknown[]): Promise<string> {
  const { rows } = await backend.admin.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${sql}`,
    parameters,
  )
  return rows.map((row) => row['QUERY PLAN']).join('\n')
}

async function planOf(backend: Backend, run: () => Promise<unknown>): Promise<string> {
  backend.counter.record()
  await run()
  const sent = backend.counter.take()
  const plans: string[] = []
  for (const statement of sent) plans.push(await explain(backend, statement.sql, statement.parameters))
  return plans.join('\n\n')
}

/** Raw timings of one measurement: per implementation, the samples and the statements sent. */
type Raw = Map<Subject['name'], { samples: number[]; trips: number }>

/** Times `run` for library and baseline alternately, `iterations` times each, after a tenth as many untimed calls. */
async function interleaved(
  backend: Backend,
  subjects: readonly Subject[],
  iterations: number,
  into: Raw,
  run: (subject: Subject) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < Math.ceil(iterations / 10); i++) {
    for (const subject of subjects) await run(subject)
  }
  for (const subject of subjects)
    if (!into.has(subject.name)) into.set(subject.name, { samples: [], trips: 0 })
  for (let i = 0; i < iterations; i++) {
    for (const subject of i % 2 === 0 ? subjects : [...subjects].reverse()) {
      const entry = into.get(subject.name)!
      const before = backend.counter.count
      entry.samples.push(await timed(() => run(subject)))
      entry.trips += backend.counter.count - before
    }
  }
}

function figuresOf(raw: Raw): ScaledFigures {
  const figures = (name: Subject['name']) => {
    const { samples, trips } = raw.get(name)!
    return { ...summarize(samples), roundTrips: trips / samples.length }
  }
  return { library: figures('library'), baseline: figures('baseline') }
}

interface Measured {
  readonly historyRows: number
  readonly environments: number
  readonly seedSeconds: number
  readonly plans: ScalePoint['plans']
  readonly raw: { readonly listFirst: Raw; readonly listDeep: Raw; readonly create: Raw }
}

/**
 * For each table size: empties the tables, seeds `rows` experiments over `rows / 500`
 * environments (each environment's rows spread across the whole table) with their history,
 * vacuums and analyzes, then times the list's first page, a page after row 400, and a create,
 * and keeps the plans of the library's list statements. The smallest size is measured first
 * and once more at the end, its samples pooled, so that drift during the run (warm-up, load
 * from other processes) does not bias the large/small ratio.
 */
export async function benchScaling(
  backend: Backend,
  schema: string,
  config: BenchConfig,
  progress: (message: string) => void,
): Promise<ScalePoint[]> {
  const t = tablesIn(schema)
  const subjects = [librarySubject(backend, schema), baselineSubject(backend, schema)]
  const measured = new Map<number, Measured>()
  const passes = config.scales.length > 1 ? [...config.scales, config.scales[0]!] : config.scales
  for (const rows of passes) {
    await truncateAll(backend.admin, t)
    const environments = Math.max(1, Math.round(rows / PER_ENVIRONMENT))
    const started = performance.now()
    await seedExperiments(backend.admin, t, { rows, environments, prefix: 'scale-', salt: `s${rows}-` })
    await backend.admin.query(`vacuum analyze ${t.experiments}`)
    await backend.admin.query(`vacuum analyze ${t.history}`)
    const seedSeconds = (performance.now() - started) / 1000
    progress(`  ${rows} experiments seeded in ${seedSeconds.toFixed(1)} s`)

    const { rows: at } = await backend.admin.query<{ created_at: Date; id: string }>(
      `select created_at, id from ${t.experiments} where environment_id = $1 and deleted_at is null
       order by created_at desc, id desc offset ${DEEP_OFFSET - 1} limit 1`,
      [TARGET],
    )
    const deep: Position | undefined = at[0] && { createdAt: new Date(at[0].created_at), id: at[0].id }
    if (deep === undefined)
      throw new Error(`scale ${rows}: environment ${TARGET} has fewer than ${DEEP_OFFSET} rows`)
    let entry = measured.get(rows)
    if (entry === undefined) {
      const { rows: counted } = await backend.admin.query<{ n: number }>(
        `select count(*)::int as n from ${t.history}`,
      )
      const [library] = subjects
      entry = {
        historyRows: counted[0]?.n ?? 0,
        environments,
        seedSeconds,
        plans: {
          listFirst: await planOf(backend, () => library!.list(TARGET)),
          listDeep: await planOf(backend, () => library!.list(TARGET, deep)),
        },
        raw: { listFirst: new Map(), listDeep: new Map(), create: new Map() },
      }
      measured.set(rows, entry)
    }
    await interleaved(backend, subjects, config.scaleIterations, entry.raw.listFirst, (s) => s.list(TARGET))
    await interleaved(backend, subjects, config.scaleIterations, entry.raw.listDeep, (s) =>
      s.list(TARGET, deep),
    )
    await interleaved(backend, subjects, config.scaleIterations, entry.raw.create, (s) => s.create(TARGET))
  }
  return config.scales.map((rows) => {
    const { raw, plans, ...rest } = measured.get(rows)!
    return {
      rows,
      ...rest,
      listFirst: figuresOf(raw.listFirst),
      listDeep: figuresOf(raw.listDeep),
      create: figuresOf(raw.create),
      plans,
      seqScan: SEQ_SCAN.test(plans.listFirst) || SEQ_SCAN.test(plans.listDeep),
    }
  })
}
