import type { Backend } from './backend.js'
import { tablesIn } from './baseline-sql.js'
import type { BenchConfig } from './config.js'
import { statementLabel } from './round-trips.js'
import { seedExperiments } from './seed.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import {
  baselineSubject,
  COMMANDS,
  createHostAuditTable,
  librarySubject,
  type Command,
  type Subject,
} from './subjects.js'

/** One implementation's figures for one command. */
export interface CommandFigures extends LatencySummary {
  /** Statements sent per call, averaged over every timed call. */
  readonly roundTrips: number
  /** What one call sent, e.g. `SELECT`, `WITH(UPDATE+INSERT)`. */
  readonly statements: readonly string[]
  /**
   * CPU time of this Node process per call, mean, in ms: on a Postgres server the client side
   * alone (library or baseline code, Kysely, the pg driver); on PGlite the database engine too.
   */
  readonly cpuMs: number
}

/** Library against baseline for one command. */
export interface CommandResult {
  readonly command: Command
  readonly library: CommandFigures
  readonly baseline: CommandFigures
  /** library median / baseline median. */
  readonly ratio: number
  /** Mutations only: the baseline in the library's shape (read, then compare-and-set write). */
  readonly readWrite: CommandFigures | null
  /** library median / read-then-write baseline median. */
  readonly ratioReadWrite: number | null
  /** Writes only: the library with a host audit sink (each write a transaction). */
  readonly hostAudit: CommandFigures | null
}

const MUTATIONS: ReadonlySet<Command> = new Set(['update', 'start', 'pause', 'complete', 'delete', 'restore'])

const ENV = 'cmd'
const LIST_ENV = 'cmd-list0'
const LIST_ROWS = 200

interface Series {
  samples: number[]
  trips: number
  cpuMicros: number
  statements: string[]
}

/**
 * Times every command on one connection, one call at a time. Each iteration runs a whole
 * lifecycle (create, get, list, update, start, pause, complete, delete, restore) for the
 * library, the one-statement baseline, the read-then-write baseline and the library with a
 * host audit sink, the order rotating between iterations, so that drift and noise land on all
 * alike.
 */
export async function benchCommands(
  backend: Backend,
  schema: string,
  config: BenchConfig,
): Promise<CommandResult[]> {
  await seedExperiments(backend.admin, tablesIn(schema), {
    rows: LIST_ROWS,
    environments: 1,
    prefix: 'cmd-list',
    salt: 'cmd',
  })
  await backend.admin.query(`analyze ${tablesIn(schema).experiments}`)
  await createHostAuditTable(backend, schema)
  const subjects = [
    librarySubject(backend, schema),
    baselineSubject(backend, schema),
    baselineSubject(backend, schema, true),
    librarySubject(backend, schema, 'host-audit'),
  ]
  const series = new Map(
    subjects.map((s) => [
      s.name,
      new Map(
        COMMANDS.map((c): [Command, Series] => [c, { samples: [], trips: 0, cpuMicros: 0, statements: [] }]),
      ),
    ]),
  )

  for (let i = -config.warmup; i < config.iterations; i++) {
    const first = ((i % subjects.length) + subjects.length) % subjects.length
    const order = [...subjects.slice(first), ...subjects.slice(0, first)]
    for (const subject of order) {
      const bySubject = series.get(subject.name)!
      await lifecycle(subject, i, async (command, run) => {
        const entry = bySubject.get(command)!
        const label = i === 0
        const before = backend.counter.count
        if (label) backend.counter.record()
        const cpu = process.cpuUsage()
        const ms = await timed(run)
        const { user, system } = process.cpuUsage(cpu)
        if (label) entry.statements = backend.counter.take().map((s) => statementLabel(s.sql))
        if (i < 0) return
        entry.samples.push(ms)
        entry.trips += backend.counter.count - before
        entry.cpuMicros += user + system
      })
    }
  }

  const figures = (name: Subject['name'], command: Command): CommandFigures => {
    const entry = series.get(name)!.get(command)!
    const n = entry.samples.length
    return {
      ...summarize(entry.samples),
      roundTrips: entry.trips / n,
      statements: entry.statements,
      cpuMs: entry.cpuMicros / n / 1000,
    }
  }
  return COMMANDS.map((command) => {
    const library = figures('library', command)
    const baseline = figures('baseline', command)
    const readWrite = MUTATIONS.has(command) ? figures('baseline-rw', command) : null
    return {
      command,
      library,
      baseline,
      ratio: library.median / baseline.median,
      readWrite,
      ratioReadWrite: readWrite && library.median / readWrite.median,
      hostAudit:
        MUTATIONS.has(command) || command === 'create' ? figures('library-host-audit', command) : null,
    }
  })
}

async function lifecycle(
  subject: Subject,
  i: number,
  measure: (command: Command, run: () => Promise<unknown>) => Promise<void>,
) {
  let id = ''
  await measure('create', async () => {
    id = await subject.create(ENV)
  })
  await measure('get', () => subject.get(ENV, id))
  await measure('list', () => subject.list(LIST_ENV))
  await measure('update', () => subject.update(ENV, id, `Renamed ${subject.name} ${i}`))
  for (const command of ['start', 'pause', 'complete', 'delete', 'restore'] as const) {
    await measure(command, () => subject.mutate(command, ENV, id))
  }
}
