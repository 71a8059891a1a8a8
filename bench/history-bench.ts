/**
 * `BENCH_SECTIONS=history npm run bench`: results of the newest experiment of an environment
 * whose earlier experiments measured the same event names, as right after ingestion (tables
 * never analyzed, autovacuum off on them). Each experiment exposes the same 4000 identities
 * (the environment's users) over its own day, a tenth of them buying (`purchase` with a value),
 * a twentieth signing up and every one viewing a page. The figure is `service.results` of the
 * newest experiment with 1, 10 and 100 earlier ones; its plan (`EXPLAIN (ANALYZE, BUFFERS)` of
 * the summary statement) says how much it read.
 */
import { randomUUID } from 'node:crypto'
import { createExperimentService, type SummaryQuery } from '../src/index.js'
import { createKyselyAdapters, migrateToLatest } from '../src/kysely.js'
import type { Backend } from './backend.js'
import {
  attachSeedMetrics,
  dataTables,
  insertSeedExperiment,
  insertSeedMetrics,
  type DataTables,
} from './data-seed.js'
import { ACTOR, features, permissions } from './fixtures.js'
import { explain, type PlanReads } from './plan-reads.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import { benchMetrics } from './summarize-plans.js'

/** Exposed identities of every experiment. */
const IDENTITIES = 4000
const DAY = 86_400_000
const HISTORY_START = Date.UTC(2031, 0, 1)

/** One measurement: the newest experiment after `earlier` ones. */
export interface HistoryPoint {
  readonly earlier: number
  /** Events of the environment, and of the names the metrics read (`purchase`, `signup`). */
  readonly environmentEvents: number
  readonly metricEvents: number
  /** The newest experiment's own events of those names. */
  readonly ownMetricEvents: number
  readonly results: LatencySummary
  readonly plan: PlanReads
}

/** The section's figures, stored apart from the other sections' (it can run alone). */
export interface HistoryFigures {
  readonly backend: 'pglite' | 'postgres'
  readonly server: string
  readonly date: string
  readonly identities: number
  readonly points: readonly HistoryPoint[]
  /** Median at the most earlier experiments / median at the fewest (goal ≤ 1.5). */
  readonly ratio: number
}

/** Seeds experiment number `index` of the environment (its day is `index` days after the start). */
async function seedExperiment(
  backend: Backend,
  t: DataTables,
  environmentId: string,
  index: number,
): Promise<{ experimentId: string; startedAt: Date }> {
  const experimentId = randomUUID()
  const startedAt = new Date(HISTORY_START + index * DAY)
  await insertSeedExperiment(backend.admin, t, { experimentId, environmentId, startedAt })
  await backend.admin.query(
    `insert into ${t.exposures} (experiment_id, identity, variant, at)
     select $1::uuid, 'user-' || i, case when i % 2 = 0 then 'control' else 'treatment' end,
       $2::timestamptz + (i % 3600) * interval '1 second'
     from generate_series(1, $3::int) i`,
    [experimentId, startedAt.toISOString(), IDENTITIES],
  )
  await backend.admin.query(
    `insert into ${t.events} (environment_id, id, identity, event, value, at)
     select $1, gen_random_uuid(), 'user-' || i, e.event, e.value,
       $2::timestamptz + (i % 3600 + 600) * interval '1 second'
     from generate_series(1, $3::int) i
     cross join lateral (values ('purchase', (i % 97)::float8, i % 10 = 0), ('signup', null, i % 20 = 0),
       ('page_view', null, true)) e(event, value, kept)
     where e.kept`,
    [environmentId, startedAt.toISOString(), IDENTITIES],
  )
  return { experimentId, startedAt }
}

async function count(backend: Backend, text: string, parameters: readonly unknown[]): Promise<number> {
  const { rows } = await backend.admin.query<{ n: number }>(
    `select count(*)::int as n from ${text}`,
    parameters,
  )
  return rows[0]?.n ?? 0
}

/** One level's environment: `earlier` experiments, then the newest, whose results are measured. */
interface Level {
  readonly earlier: number
  readonly schema: string
  readonly query: SummaryQuery
  readonly results: () => Promise<void>
}

/** Seeds a schema of its own with `earlier` experiments and a newest one; returns how to read its results. */
async function seedLevel(backend: Backend, earlier: number): Promise<Level> {
  const schema = `bench_history_${randomUUID().replace(/-/g, '').slice(0, 8)}`
  const t = dataTables(schema)
  await migrateToLatest(backend.db, { schema })
  if (backend.kind === 'postgres')
    for (const table of [t.exposures, t.events])
      await backend.admin.query(`alter table ${table} set (autovacuum_enabled = false)`)
  const environmentId = `history-${earlier}`
  const metricIds = await insertSeedMetrics(backend.admin, t, environmentId)
  for (let index = 0; index < earlier; index++) await seedExperiment(backend, t, environmentId, index)
  const { experimentId, startedAt } = await seedExperiment(backend, t, environmentId, earlier)
  await attachSeedMetrics(backend.admin, t, experimentId, metricIds)
  const asOf = new Date(startedAt.getTime() + DAY - 1)
  const adapters = createKyselyAdapters(backend.db, { schema })
  const service = createExperimentService({ ...adapters, features, permissions, clock: { now: () => asOf } })
  return {
    earlier,
    schema,
    query: { environmentId, experimentId, window: { from: startedAt, to: asOf }, metrics: benchMetrics() },
    results: async () => {
      const outcome = await service.results(ACTOR, environmentId, experimentId)
      if (outcome.isErr()) throw new Error(`results failed: ${outcome.error.code} ${outcome.error.message}`)
    },
  }
}

/** What a level's environment holds, and what its summary statement read. */
async function describeLevel(
  backend: Backend,
  level: Level,
  samples: readonly number[],
): Promise<HistoryPoint> {
  const t = dataTables(level.schema)
  const { environmentId, window } = level.query
  const names = `environment_id = $1 and event in ('purchase', 'signup')`
  return {
    earlier: level.earlier,
    environmentEvents: await count(backend, `${t.events} where environment_id = $1`, [environmentId]),
    metricEvents: await count(backend, `${t.events} where ${names}`, [environmentId]),
    ownMetricEvents: await count(backend, `${t.events} where ${names} and at between $2 and $3`, [
      environmentId,
      window.from.toISOString(),
      window.to.toISOString(),
    ]),
    results: summarize(samples),
    plan: await explain(backend, level.schema, level.query),
  }
}

/**
 * Seeds one schema per level (each dropped at the end), then times every level's results in
 * rounds, rotating which goes first, so that drift in the machine's load hits every level alike.
 */
export async function benchHistory(
  backend: Backend,
  options: { readonly levels: readonly number[]; readonly calls: number },
  progress: (message: string) => void,
): Promise<HistoryFigures> {
  const levels: Level[] = []
  try {
    for (const earlier of [...options.levels].sort((a, b) => a - b)) {
      const started = performance.now()
      levels.push(await seedLevel(backend, earlier))
      progress(
        `  ${earlier} earlier experiments seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      )
    }
    for (const level of levels) for (let i = 0; i < 3; i++) await level.results()
    const samples = levels.map((): number[] => [])
    for (let round = 0; round < options.calls; round++)
      for (let k = 0; k < levels.length; k++) {
        const index = (round + k) % levels.length
        samples[index]?.push(await timed(() => levels[index]!.results()))
      }
    const points: HistoryPoint[] = []
    for (const [index, level] of levels.entries())
      points.push(await describeLevel(backend, level, samples[index] ?? []))
    const first = points[0]?.results.median ?? Number.NaN
    const last = points.at(-1)?.results.median ?? Number.NaN
    return {
      backend: backend.kind,
      server: backend.serverVersion,
      date: new Date().toISOString(),
      identities: IDENTITIES,
      points,
      ratio: last / first,
    }
  } finally {
    for (const { schema } of levels) await backend.admin.query(`drop schema if exists "${schema}" cascade`)
  }
}
