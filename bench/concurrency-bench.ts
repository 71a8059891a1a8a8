import type { Backend } from './backend.js'
import type { BenchConfig } from './config.js'
import { librarySubject, baselineSubject, type Subject } from './subjects.js'

/** Throughput of one implementation at one concurrency. */
export interface Throughput {
  /** Successful updates per second. */
  readonly opsPerSec: number
  readonly ops: number
  /** Calls that failed (for the library on a hot row: gave up after its retries). */
  readonly errors: number
  /** Statements sent per successful update (retries after lost compare-and-set races show here). */
  readonly roundTrips: number
}

/** Library against baseline at one concurrency on one scenario. */
export interface ConcurrencyPoint {
  readonly scenario: 'distinct' | 'hot'
  readonly clients: number
  readonly library: Throughput
  readonly baseline: Throughput
  /** library ops/s ÷ baseline ops/s. */
  readonly ratio: number
}

const ENV = 'conc'
const ROUNDS = 3

/** Runs `clients` loops renaming their experiments for `ms` milliseconds. */
async function window(
  backend: Backend,
  subject: Subject,
  ids: readonly string[],
  clients: number,
  ms: number,
) {
  let ops = 0
  let errors = 0
  let n = 0
  const before = backend.counter.count
  const start = performance.now()
  const end = start + ms
  const client = async (k: number) => {
    const id = ids[k % ids.length]!
    while (performance.now() < end) {
      try {
        await subject.update(ENV, id, `Renamed ${subject.name} ${k} ${++n}`)
        ops++
      } catch {
        errors++
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, (_, k) => client(k)))
  return { ops, errors, seconds: (performance.now() - start) / 1000, trips: backend.counter.count - before }
}

/**
 * Throughput of `update` (a rename: read, compare-and-set write, audit entry) with 1, 8, 32…
 * clients, each on its own experiment (`distinct`) or all on one (`hot`). Each measurement is
 * {@link ROUNDS} windows per implementation, alternating library and baseline.
 */
export async function benchConcurrency(
  backend: Backend,
  schema: string,
  config: BenchConfig,
): Promise<ConcurrencyPoint[]> {
  const subjects = [librarySubject(backend, schema), baselineSubject(backend, schema)]
  const most = Math.max(...config.concurrency)
  const own = new Map<Subject['name'], string[]>()
  for (const subject of subjects) {
    const ids: string[] = []
    for (let k = 0; k < most; k++) ids.push(await subject.create(ENV))
    own.set(subject.name, ids)
  }
  const points: ConcurrencyPoint[] = []
  for (const scenario of ['distinct', 'hot'] as const) {
    for (const clients of config.concurrency) {
      const totals = new Map(subjects.map((s) => [s.name, { ops: 0, errors: 0, seconds: 0, trips: 0 }]))
      for (let round = 0; round < ROUNDS; round++) {
        for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
          const ids = own.get(subject.name)!
          const result = await window(
            backend,
            subject,
            scenario === 'hot' ? ids.slice(0, 1) : ids,
            clients,
            config.concurrencyWindowMs,
          )
          const total = totals.get(subject.name)!
          total.ops += result.ops
          total.errors += result.errors
          total.seconds += result.seconds
          total.trips += result.trips
        }
      }
      const throughput = (name: Subject['name']): Throughput => {
        const total = totals.get(name)!
        return {
          opsPerSec: total.ops / total.seconds,
          ops: total.ops,
          errors: total.errors,
          roundTrips: total.trips / Math.max(1, total.ops),
        }
      }
      const library = throughput('library')
      const baseline = throughput('baseline')
      points.push({ scenario, clients, library, baseline, ratio: library.opsPerSec / baseline.opsPerSec })
    }
  }
  return points
}
