/** What a run measures, read from the environment (documented at the top of BENCHMARKS.md). */
export interface BenchConfig {
  /** `postgres` when `DATABASE_URL` is set, else embedded PGlite. */
  readonly databaseUrl: string | null
  /** `BENCH_QUICK=1`: few iterations and short concurrency windows, for a smoke run. */
  readonly quick: boolean
  /** Lifecycles per command section (each lifecycle times every command once, library and baseline). */
  readonly iterations: number
  /** Discarded lifecycles before timing starts. */
  readonly warmup: number
  /** `BENCH_SCALE`: table sizes for the scaling section, e.g. `1k,100k,1m`. */
  readonly scales: readonly number[]
  /** Timed list/create calls per scale and implementation. */
  readonly scaleIterations: number
  /** `BENCH_CONCURRENCY`: client counts, e.g. `1,8,32`. */
  readonly concurrency: readonly number[]
  /** Milliseconds per concurrency window (each window is run several times, alternating implementations). */
  readonly concurrencyWindowMs: number
  /** Calls per command in the in-memory section. */
  readonly memoryIterations: number
  /** Identities per timed pass in the assignment section. */
  readonly assignmentIdentities: number
  /** Timed rounds in the assignment section (each runs every implementation once). */
  readonly assignmentRounds: number
  /** `BENCH_HISTORY`: earlier experiments in the history section's environments, e.g. `1,10,100`. */
  readonly historyLevels: readonly number[]
  /** Timed results calls per level in the history section. */
  readonly historyCalls: number
  /** `BENCH_SECTIONS`: which sections to run, e.g. `commands,scaling`. */
  readonly sections: ReadonlySet<Section>
  /** `BENCH_WRITE=0`: print only, leave BENCHMARKS.md and bench/results alone. */
  readonly write: boolean
}

export const SECTIONS = [
  'commands',
  'scaling',
  'concurrency',
  'memory',
  'assignment',
  'history',
  'clickhouse',
] as const
export type Section = (typeof SECTIONS)[number]

/** What runs without `BENCH_SECTIONS`: all but `clickhouse`, which seeds up to 110M rows and runs only when named. */
const DEFAULT_SECTIONS = SECTIONS.filter((section) => section !== 'clickhouse')

/** Parses `1k`, `100k`, `1m`, `2500` into a row count. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim())
  if (match === null) throw new Error(`not a count: ${JSON.stringify(text)} (use e.g. 1k, 100k, 1m)`)
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[(match[2] ?? '').toLowerCase() as '' | 'k' | 'm']
  return Math.round(Number(match[1]) * factor)
}

function list<T>(
  value: string | undefined,
  fallback: readonly T[],
  parse: (item: string) => T,
): readonly T[] {
  if (value === undefined || value.trim() === '') return fallback
  return value.split(',').map((item) => parse(item.trim()))
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(value)}`)
  return n
}

/** Reads the run's options from `env`. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true'
  const sections = list(env.BENCH_SECTIONS, DEFAULT_SECTIONS, (s) => {
    if (!(SECTIONS as readonly string[]).includes(s))
      throw new Error(`BENCH_SECTIONS: unknown section ${s} (${SECTIONS.join(', ')})`)
    return s as Section
  })
  return {
    databaseUrl: env.DATABASE_URL === undefined || env.DATABASE_URL === '' ? null : env.DATABASE_URL,
    quick,
    iterations: positive('BENCH_ITERATIONS', env.BENCH_ITERATIONS, quick ? 40 : 400),
    warmup: quick ? 5 : 30,
    scales: list(env.BENCH_SCALE, quick ? [1_000, 100_000] : [1_000, 100_000, 1_000_000], parseCount),
    scaleIterations: quick ? 20 : 200,
    concurrency: list(env.BENCH_CONCURRENCY, [1, 8, 32], (s) => positive('BENCH_CONCURRENCY', s, 1)),
    concurrencyWindowMs: quick ? 400 : 2_000,
    memoryIterations: quick ? 2_000 : 20_000,
    assignmentIdentities: quick ? 20_000 : 100_000,
    assignmentRounds: quick ? 3 : 7,
    historyLevels: list(env.BENCH_HISTORY, quick ? [1, 10] : [1, 10, 100], (s) =>
      positive('BENCH_HISTORY', s, 1),
    ),
    historyCalls: quick ? 5 : 21,
    sections: new Set(sections),
    write: env.BENCH_WRITE !== '0',
  }
}
