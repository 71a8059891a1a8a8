import type { Backend } from './backend.js'
import { tablesIn } from './baseline-sql.js'
import type { BenchConfig } from './config.js'
import { statementLabel } from './round-trips.js'
import { seedExperiments } from './seed.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import { baselineSubject, COMMANDS, librarySubject, type Command, type Subject } from './subjects.js'

/** One implementation's figures for one command. */
export interface CommandFigures extends LatencySummary {
  /** Statements sent per call, averaged over every timed call. */
  readonly roundTrips: number
  /** What one call sent, e.g. `SELECT`, `WITH(UPDATE+INSERT)`. */
  readonly statements: readonly string[]
}

/** Library against baseline for one command. */
export interface CommandResult {
  readonly command: Command
  readonly library: CommandFigures
  readonly baseline: CommandFigures
  /** library median / baseline median. */
  readonly ratio: number
}

const ENV = 'cmd'
const LIST_ENV = 'cmd-list0'
const LIST_ROWS = 200

interface Series {
  samples: number[]
  trips: number
  statements: string[]
}

/**
 * Times every command on one connection, one call at a time. Each iteration runs a whole
 * lifecycle (create, get, list, update, start, pause, complete, delete, restore) for the
 * library and for the baseline, the order alternating between iterations, so that drift and
 * noise land on both alike.
 */
export async function benchCommands(backend: Backend, schema: string, config: BenchConfig): Promise<CommandResult[]> {
  await seedExperiments(backend.admin, tablesIn(schema), { rows: LIST_ROWS, environments: 1, prefix: 'cmd-list', salt: 'cmd' })
  await backend.admin.query(`analyze ${tablesIn(schema).experiments}`)
  const subjects = [librarySubject(backend, schema), baselineSubject(backend, schema)]
  const series = new Map(subjects.map((s) => [s.name, new Map(COMMANDS.map((c): [Command, Series] => [c, { samples: [], trips: 0, statements: [] }]))]))

  for (let i = -config.warmup; i < config.iterations; i++) {
    const order = i % 2 === 0 ? subjects : [...subjects].reverse()
    for (const subject of order) {
      const bySubject = series.get(subject.name)!
      await lifecycle(subject, i, async (command, run) => {
        const entry = bySubject.get(command)!
        const label = i === 0
        const before = backend.counter.count
        if (label) backend.counter.record()
        const ms = await timed(run)
        if (label) entry.statements = backend.counter.take().map((s) => statementLabel(s.sql))
        if (i < 0) return
        entry.samples.push(ms)
        entry.trips += backend.counter.count - before
      })
    }
  }

  const figures = (name: Subject['name'], command: Command): CommandFigures => {
    const entry = series.get(name)!.get(command)!
    return { ...summarize(entry.samples), roundTrips: entry.trips / entry.samples.length, statements: entry.statements }
  }
  return COMMANDS.map((command) => {
    const library = figures('library', command)
    const baseline = figures('baseline', command)
    return { command, library, baseline, ratio: library.median / baseline.median }
  })
}

async function lifecycle(subject: Subject, i: number, measure: (command: Command, run: () => Promise<unknown>) => Promise<void>) {
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
