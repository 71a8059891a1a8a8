import { randomUUID } from 'node:crypto'
import { CompiledQuery, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { summarizeQuery } from '../../src/adapters/kysely/experiment-data-queries.js'
import { experimentDataTables } from '../../src/adapters/kysely/experiment-data-tables.js'
import { SUMMARY_SETTINGS } from '../../src/adapters/kysely/kysely-experiment-data.js'
import type { SummaryQuery } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'

/*
 * The summary statement's cost must follow the experiment's own data, whatever the environment's
 * history and whatever the planner's statistics say (docs/results-cost.md). These tests read its
 * plan on a real server: PGlite runs the same semantics through the contract suites.
 */

const DATABASE_URL = process.env.DATABASE_URL ?? ''
const IDENTITIES = 300
const DAY = 86_400_000
const START = Date.UTC(2031, 0, 1)
const METRICS: SummaryQuery['metrics'] = [
  { metricId: 'conversion', event: 'purchase', aggregation: 'occurrence' },
  { metricId: 'revenue', event: 'purchase', aggregation: 'sum' },
  { metricId: 'signups', event: 'signup', aggregation: 'count' },
]

/** Experiment number `index` of the environment: the same identities, on a day of its own. */
async function seedExperiment(database: TestDatabase, environmentId: string, index: number) {
  const experimentId = randomUUID()
  const startedAt = new Date(START + index * DAY)
  const t = `"${database.schema}"`
  await database.query(
    `insert into ${t}.flag_experiments (id, environment_id, feature_id, name, hypothesis, status, created_at,
       updated_at, started_at, version, traffic_percentage, allocations)
     values ($1, $2, $3, 'e', 'h', 'running', $4, $4, $4, 1, 100,
       '[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]')`,
    [experimentId, environmentId, `feature-${experimentId}`, startedAt.toISOString()],
  )
  await database.query(
    `insert into ${t}.flag_experiments_exposures (experiment_id, identity, variant, at)
     select $1::uuid, 'user-' || i, case when i % 2 = 0 then 'control' else 'treatment' end,
       $2::timestamptz + i * interval '1 second'
     from generate_series(1, $3::int) i`,
    [experimentId, startedAt.toISOString(), IDENTITIES],
  )
  await database.query(
    `insert into ${t}.flag_experiments_events (environment_id, id, identity, event, value, at)
     select $1, gen_random_uuid(), 'user-' || i, e.event, e.value, $2::timestamptz + (i + 60) * interval '1 second'
     from generate_series(1, $3::int) i
     cross join lateral (values ('purchase', i::float8, i % 4 = 0), ('purchase', 1::float8, i % 8 = 0),
       ('signup', null, i % 10 = 0), ('page_view', null, true)) e(event, value, kept)
     where e.kept`,
    [environmentId, startedAt.toISOString(), IDENTITIES],
  )
  return { experimentId, startedAt }
}

interface PlanNode {
  readonly 'Node Type': string
  readonly 'Relation Name'?: string
  readonly 'Index Cond'?: string
  readonly 'Heap Fetches'?: number
  readonly 'Shared Hit Blocks'?: number
  readonly 'Shared Read Blocks'?: number
  readonly Plans?: readonly PlanNode[]
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

/** `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of the statement, in a transaction with the adapter's settings. */
async function explain(database: TestDatabase, query: SummaryQuery): Promise<PlanNode> {
  const compiled = summarizeQuery(experimentDataTables(database.schema), query).compile(database.db)
  const rows = await database.db.transaction().execute(async (trx) => {
    for (const [name, value] of Object.entries(SUMMARY_SETTINGS))
      await sql`select set_config(${name}, ${value}, true)`.execute(trx)
    const explained = CompiledQuery.raw(`explain (analyze, buffers, format json) ${compiled.sql}`, [
      ...compiled.parameters,
    ])
    return (await trx.executeQuery<Record<string, unknown>>(explained)).rows
  })
  const plan = Object.values(rows[0] ?? {})[0]
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[]
  return parsed[0]!.Plan
}

/** What the plan read, and the scans of the events table that do not find rows by identity. */
function reads(root: PlanNode) {
  const nodes = nodesOf(root)
  const eventScans = nodes.filter((node) => node['Relation Name'] === 'flag_experiments_events')
  return {
    buffers: (root['Shared Hit Blocks'] ?? 0) + (root['Shared Read Blocks'] ?? 0),
    heapFetches: nodes.reduce((sum, node) => sum + (node['Heap Fetches'] ?? 0), 0),
    eventScans: eventScans.length,
    scansWithoutIdentity: eventScans.filter(
      (node) =>
        !/\bidentity = /.test(node['Index Cond'] ?? '') || !/\bevent = '/.test(node['Index Cond'] ?? ''),
    ),
    sequentialScans: nodes.filter((node) => node['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']),
  }
}

describe.runIf(DATABASE_URL !== '')('the summary statement on Postgres: cost follows the experiment', () => {
  let database: TestDatabase | undefined
  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  /**
   * An environment of `experiments` experiments on the same identities and events, never
   * analyzed, or analyzed once right after the first; the query reads the `measured`-th.
   */
  async function environmentWith(
    experiments: number,
    measured: number,
    analyzeFirst = false,
    preExposureDays = 0,
  ) {
    database = await openTestDatabase()
    const db = database
    for (const table of ['flag_experiments_exposures', 'flag_experiments_events'])
      await db.query(`alter table "${db.schema}".${table} set (autovacuum_enabled = false)`)
    const environmentId = `env-${randomUUID()}`
    const seeded = []
    for (let index = 0; index < experiments; index++) {
      seeded.push(await seedExperiment(db, environmentId, index))
      if (index === 0 && analyzeFirst)
        await db.query(
          `analyze "${db.schema}".flag_experiments_exposures, "${db.schema}".flag_experiments_events`,
        )
    }
    const { experimentId, startedAt } = seeded[measured]!
    const window = { from: startedAt, to: new Date(startedAt.getTime() + DAY - 1) }
    // The experiment's own events: in its window, and in the pre window when asked.
    const [own] = await db.query<{ events: number }>(
      `select count(*)::int as events from "${db.schema}".flag_experiments_events
       where environment_id = $1 and event in ('purchase', 'signup') and at between $2 and $3`,
      [
        environmentId,
        new Date(window.from.getTime() - preExposureDays * DAY).toISOString(),
        window.to.toISOString(),
      ],
    )
    const query: SummaryQuery = { environmentId, experimentId, window, metrics: METRICS, preExposureDays }
    return { query, ownEvents: own?.events ?? 0 }
  }

  /** The bound every plan must keep: a few buffers per (identity, event name), a fetch per own row. */
  function expectBounded(plan: ReturnType<typeof reads>, ownEvents: number) {
    expect(plan.sequentialScans).toEqual([])
    expect(plan.eventScans).toBeGreaterThan(0)
    expect(plan.scansWithoutIdentity).toEqual([])
    expect(plan.heapFetches).toBeLessThanOrEqual(2 * (ownEvents + IDENTITIES))
    expect(plan.buffers).toBeLessThanOrEqual(6 * IDENTITIES * 2 + 200)
  }

  it('reads one index range per identity and event name, however many experiments measured the same events', async () => {
    const { query, ownEvents } = await environmentWith(31, 30)
    const plan = reads(await explain(database!, query))
    expectBounded(plan, ownEvents)
  })

  it('with a pre window, reads one index range per identity and event name reaching back only that many days', async () => {
    const { query, ownEvents } = await environmentWith(31, 30, false, 7)
    const plan = reads(await explain(database!, query))
    expectBounded(plan, ownEvents)
  })

  it('keeps that plan when the statistics, taken before the rest arrived, say the experiment fills the tables', async () => {
    const { query, ownEvents } = await environmentWith(31, 0, true)
    const plan = reads(await explain(database!, query))
    expectBounded(plan, ownEvents)
  })
})
