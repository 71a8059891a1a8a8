/**
 * `npm run bench`: measures the library against hand-written SQL on PGlite (default) or on the
 * Postgres server in `DATABASE_URL`, prints a summary, stores the run in
 * `bench/results/<backend>.json` and rewrites BENCHMARKS.md from every stored run.
 * Options are environment variables, documented in bench/intro.md.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { migrateToLatest } from '../src/kysely.js'
import { benchAssignment } from './assignment-bench.js'
import { openBackend } from './backend.js'
import { benchClickHouse, type ClickHouseBench } from './clickhouse-bench.js'
import { clickHouseMarkdown } from './clickhouse-report.js'
import { benchCommands } from './commands-bench.js'
import { benchConcurrency } from './concurrency-bench.js'
import { readConfig, SECTIONS, type Section } from './config.js'
import { describeEnvironment } from './machine.js'
import { benchHistory, type HistoryFigures } from './history-bench.js'
import { historyFile, historyMarkdown } from './history-report.js'
import { benchMemory } from './memory-bench.js'
import { consoleSummary, renderMarkdown } from './report.js'
import type { RunResult } from './run-result.js'
import { benchScaling } from './scaling-bench.js'

const root = new URL('../', import.meta.url)
const resultsDir = new URL('bench/results/', root)

function progress(message: string): void {
  process.stderr.write(`${message}\n`)
}

/** Rewrites BENCHMARKS.md from every run stored in bench/results. */
function render(): void {
  const runs = readdirSync(resultsDir)
    .filter((name) => name === 'pglite.json' || name === 'postgres.json')
    .map((name) => JSON.parse(readFileSync(new URL(name, resultsDir), 'utf8')) as RunResult)
  const history = (['pglite', 'postgres'] as const)
    .map((backend) => new URL(historyFile(backend), resultsDir))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as HistoryFigures)
  const read = (name: string) =>
    existsSync(new URL(name, root)) ? readFileSync(new URL(name, root), 'utf8') : ''
  const clickhouse = read('bench/results/clickhouse.json')
  const rendered = renderMarkdown(
    runs,
    read('bench/intro.md'),
    `${historyMarkdown(history)}\n\n${read('bench/findings.md')}`,
  )
  writeFileSync(
    new URL('BENCHMARKS.md', root),
    clickhouse === ''
      ? rendered
      : `${rendered}\n${clickHouseMarkdown(JSON.parse(clickhouse) as ClickHouseBench)}\n`,
  )
}

async function main(): Promise<void> {
  if (process.env.BENCH_RENDER === '1') {
    render()
    progress('re-rendered BENCHMARKS.md from bench/results')
    return
  }
  const config = readConfig()
  const date = new Date().toISOString()
  const started = performance.now()
  const backend = await openBackend(config.databaseUrl)
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  progress(`bench on ${backend.serverVersion}, schema ${schema}${config.quick ? ' (quick)' : ''}`)
  const wanted = (section: Section) => config.sections.has(section)
  const section = async <T>(name: Section, run: () => Promise<T>): Promise<T | null> => {
    if (!wanted(name)) return null
    const t0 = performance.now()
    progress(`${name}…`)
    const result = await run()
    progress(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    return result
  }
  let result: RunResult
  let clickhouse: ClickHouseBench | null = null
  let history: HistoryFigures | null = null
  try {
    await migrateToLatest(backend.db, { schema })
    const commands = await section('commands', () => benchCommands(backend, schema, config))
    const concurrency = await section('concurrency', () => benchConcurrency(backend, schema, config))
    const scaling = await section('scaling', () => benchScaling(backend, schema, config, progress))
    const memory = await section('memory', () => benchMemory(config))
    clickhouse = await section('clickhouse', () => benchClickHouse(backend, schema, progress))
    history = await section('history', () =>
      benchHistory(backend, { levels: config.historyLevels, calls: config.historyCalls }, progress),
    )
    const assignment = await section('assignment', () =>
      Promise.resolve(
        benchAssignment({ identities: config.assignmentIdentities, rounds: config.assignmentRounds }),
      ),
    )
    result = {
      backend: backend.kind,
      quick: config.quick,
      date,
      durationSeconds: (performance.now() - started) / 1000,
      environment: describeEnvironment(),
      server: backend.serverVersion,
      connections: backend.connections,
      options: {
        iterations: config.iterations,
        scaleIterations: config.scaleIterations,
        scales: config.scales,
        concurrency: config.concurrency,
        concurrencyWindowMs: config.concurrencyWindowMs,
        memoryIterations: config.memoryIterations,
      },
      commands,
      scaling,
      concurrency,
      memory,
      assignment,
    }
  } finally {
    await backend.admin.query(`drop schema if exists "${schema}" cascade`)
    await backend.close()
  }

  process.stdout.write(`${consoleSummary(result)}\n`)
  if (history !== null) process.stdout.write(`${historyMarkdown([history])}\n`)
  if (clickhouse !== null) process.stdout.write(`${clickHouseMarkdown(clickhouse)}\n`)
  if (!config.write) return
  mkdirSync(resultsDir, { recursive: true })
  // The history and ClickHouse sections are stored on their own, so running one alone keeps the
  // other sections' figures.
  const written: string[] = []
  if (SECTIONS.some((name) => name !== 'history' && name !== 'clickhouse' && wanted(name))) {
    writeFileSync(new URL(`${result.backend}.json`, resultsDir), `${JSON.stringify(result, null, 2)}\n`)
    written.push(`${result.backend}.json`)
  }
  if (history !== null) {
    writeFileSync(new URL(historyFile(history.backend), resultsDir), `${JSON.stringify(history, null, 2)}\n`)
    written.push(historyFile(history.backend))
  }
  if (clickhouse !== null) {
    writeFileSync(new URL('clickhouse.json', resultsDir), `${JSON.stringify(clickhouse, null, 2)}\n`)
    written.push('clickhouse.json')
  }
  render()
  progress(`wrote BENCHMARKS.md and ${written.map((name) => `bench/results/${name}`).join(', ')}`)
}

await main()
