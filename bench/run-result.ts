import type { AssignmentFigures } from './assignment-bench.js'
import type { CommandResult } from './commands-bench.js'
import type { ConcurrencyPoint } from './concurrency-bench.js'
import type { Environment } from './machine.js'
import type { MemoryFigures } from './memory-bench.js'
import type { ScalePoint } from './scaling-bench.js'

/** Everything one `npm run bench` measured, as stored in `bench/results/<backend>.json`. */
export interface RunResult {
  readonly backend: 'pglite' | 'postgres'
  readonly quick: boolean
  /** ISO 8601, when the run started. */
  readonly date: string
  readonly durationSeconds: number
  readonly environment: Environment
  readonly server: string
  /** How many statements can run at once on this backend (1 on PGlite). */
  readonly connections: number
  readonly options: {
    readonly iterations: number
    readonly scaleIterations: number
    readonly scales: readonly number[]
    readonly concurrency: readonly number[]
    readonly concurrencyWindowMs: number
    readonly memoryIterations: number
  }
  readonly commands: readonly CommandResult[] | null
  readonly scaling: readonly ScalePoint[] | null
  readonly concurrency: readonly ConcurrencyPoint[] | null
  readonly memory: readonly MemoryFigures[] | null
  /** Absent from runs recorded before the section existed. */
  readonly assignment?: AssignmentFigures | null
}
