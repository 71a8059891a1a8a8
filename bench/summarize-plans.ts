/**
 * `npx tsx bench/summarize-plans.ts`: seeds one experiment (100k exposed identities, ~10 events
 * each, `BENCH_PLAN_IDENTITIES` to change), then runs `EXPLAIN (ANALYZE, BUFFERS)` of the
 * library's `summarize` statement under each candidate index on the events table, and writes
 * the plans to bench/summarize-plans.md, each in a transaction with the settings the library gives
 * the statement; then, on the shipped index, the same statement at the server's defaults and the
 * hand-written baseline. On PGlite by default, on `DATABASE_URL` when set.
 */
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { experimentDataTables } from '../src/adapters/kysely/experiment-data-tables.js'
import { summarizeQuery } from '../src/adapters/kysely/experiment-data-queries.js'
import { SUMMARY_SETTINGS } from '../src/adapters/kysely/kysely-experiment-data.js'
import { migrateToLatest } from '../src/kysely.js'
import type { SummaryQuery } from '../src/index.js'
import { openBackend, type Backend } from './backend.js'
import { parseCount } from './config.js'
import { baselineSummaryStatement, BASELINE_SUMMARY_SETTINGS } from './data-baseline.js'
import { dataTables, seedExperimentData, type SeededExperiment } from './data-seed.js'

/** The metrics every summarize measurement reads: a conversion, a revenue sum, a count. */
export function benchMetrics(): SummaryQuery['metrics'] {
  return [
    { metricId: 'conversion', event: 'purchase', aggregation: 'occurrence' },
    { metricId: 'revenue', event: 'purchase', aggregation: 'sum' },
    { metricId: 'signups', event: 'signup', aggregation: 'count' },
  ]
}

/** The summarize query over a seeded experiment's whole window. */
export function benchQuery(seeded: SeededExperiment): SummaryQuery {
  return {
    environmentId: seeded.environmentId,
    experimentId: seeded.experimentId,
    window: seeded.window,
    metrics: benchMetrics(),
  }
}

/** The shipped index last, so the database is left as the migration made it. */
const CANDIDATES = [
  { name: 'primary key only', columns: null },
  {
    name: '(environment_id, identity, event, at) include (value)',
    columns: 'environment_id, identity, event, at) include (value',
  },
  { name: '(environment_id, identity)', columns: 'environment_id, identity' },
  {
    name: '(environment_id, event, identity, at) include (value) — shipped',
    columns: 'environment_id, event, identity, at) include (value',
  },
] as const

/** The library's settings for the statement, as `set local` commands. */
const LIBRARY_SETTINGS = Object.entries(SUMMARY_SETTINGS)
  .map(([name, value]) => `set local ${name} = '${value}'`)
  .join('; ')

/** `EXPLAIN (ANALYZE, BUFFERS)` of a statement in a transaction run with `settings` (none: the server's defaults). */
async function explainIn(
  backend: Backend,
  settings: string,
  [text, parameters]: readonly [string, readonly unknown[]],
): Promise<string> {
  const { rows } = await backend.sqlTransaction(settings || 'select 1', (client) =>
    client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, parameters),
  )
  return rows.map((row) => row['QUERY PLAN']).join('\n')
}

function libraryStatement(backend: Backend, schema: string, seeded: SeededExperiment): [string, unknown[]] {
  const compiled = summarizeQuery(experimentDataTables(schema), benchQuery(seeded)).compile(backend.db)
  return [compiled.sql, [...compiled.parameters]]
}

/** The second of two runs (the first warms the cache), as a section of the report. */
async function section(
  backend: Backend,
  title: string,
  settings: string,
  statement: readonly [string, readonly unknown[]],
): Promise<string> {
  await explainIn(backend, settings, statement)
  const plan = await explainIn(backend, settings, statement)
  const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?'
  process.stderr.write(`${title}: ${time} ms\n`)
  return `### ${title}: ${time} ms\n\n\`\`\`\n${plan}\n\`\`\`\n`
}

async function main(): Promise<void> {
  const backend = await openBackend(process.env.DATABASE_URL || null)
  const schema = `bench_plans_${randomUUID().replace(/-/g, '').slice(0, 8)}`
  const identities = parseCount(process.env.BENCH_PLAN_IDENTITIES ?? '100k')
  try {
    await migrateToLatest(backend.db, { schema })
    const seeded = await seedExperimentData(backend.admin, schema, identities)
    process.stderr.write(
      `seeded ${seeded.exposures} exposures, ${seeded.events} events in ${Math.round(seeded.seedMs)} ms\n`,
    )
    const t = dataTables(schema)
    const sections: string[] = []
    const statement = libraryStatement(backend, schema, seeded)
    for (const candidate of CANDIDATES) {
      await backend.admin.query(`drop index if exists "${schema}".flag_experiments_events_event_idx`)
      if (candidate.columns !== null)
        await backend.admin.query(
          `create index flag_experiments_events_event_idx on ${t.events} (${candidate.columns})`,
        )
      await backend.admin.query(`vacuum analyze ${t.events}`)
      sections.push(await section(backend, `Events index ${candidate.name}`, LIBRARY_SETTINGS, statement))
    }
    sections.push(
      await section(backend, "Shipped index, the server's defaults (no settings)", '', statement),
      await section(
        backend,
        'Shipped index, the hand-written baseline with the same settings',
        BASELINE_SUMMARY_SETTINGS,
        baselineSummaryStatement(t, seeded),
      ),
    )
    const header = [
      '# `summarize`: query plans behind the choice of indexes',
      '',
      `Generated by \`npx tsx bench/summarize-plans.ts\` on ${backend.serverVersion}, ${new Date().toISOString().slice(0, 10)}.`,
      `One experiment with ${seeded.exposures} exposures (${identities} identities, one in a hundred in both variants)`,
      `and ${seeded.events} events in its environment (two per identity in another environment), three metrics`,
      '(occurrence and sum of `purchase`, count of `signup`). Each plan is the second run after `vacuum analyze`,',
      `in a transaction with the library's settings for the statement (\`${LIBRARY_SETTINGS}\`) unless its title says otherwise.`,
      '',
      'What the plans show. One serial pass: the exposures grouped per identity (one hash entry each), a hash',
      "join to the environment's events of the metrics' names, one group per identity, then per variant. With",
      "the library's settings nothing spills (compare the server's defaults: the per-identity aggregate writes",
      'batches to disk) and no JIT is compiled. Here the environment holds most of the table (5/6 of its rows)',
      'and the metrics read 40% of those, so every candidate index ends in the same sequential scan of the',
      'events: the shipped index (environment, event name, identity, at) include (value) is what serves a table',
      "holding many environments or event names, where it reads only the metrics' events. Timings on a shared",
      '2-core machine vary by ±30% from run to run; the plan shapes are what to read.',
      '',
    ]
    writeFileSync(new URL('summarize-plans.md', import.meta.url), [...header, ...sections].join('\n'))
  } finally {
    await backend.admin.query(`drop schema if exists "${schema}" cascade`)
    await backend.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
