import type { ResultAsync } from 'neverthrow'
import {
  createExperimentService,
  type Actor,
  type ExperimentError,
  type ExperimentService,
} from '../src/index.js'
import { createMemoryAdapters } from '../src/memory.js'
import type { BenchConfig } from './config.js'
import { summarize, timed, type LatencySummary } from './stats.js'
import { COMMANDS, type Command } from './subjects.js'

/** The in-memory adapters' figures for one command. */
export interface MemoryFigures extends LatencySummary {
  readonly command: Command
}

const ACTOR: Actor = { type: 'user', id: 'bench-user' }
const LIST_ROWS = 200

function memoryService(): ExperimentService {
  const adapters = createMemoryAdapters({
    environments: [{ id: 'e1', key: 'mem', name: 'Memory', projectId: 'p1' }],
    features: Array.from({ length: LIST_ROWS }, (_, k) => ({
      id: `f${k}`,
      name: `F${k}`,
      projectId: 'p1',
      type: 'multivariate' as const,
    })),
  })
  return createExperimentService(adapters)
}

async function ok<T>(result: ResultAsync<T, ExperimentError>): Promise<T> {
  const settled = await result
  if (settled.isErr()) throw new Error(`in-memory call failed: ${settled.error.code}`)
  return settled.value
}

/**
 * Calls per second of each command on the in-memory adapters, as a host's unit tests use
 * them: whole lifecycles on one experiment per iteration (one feature, freed by `complete`),
 * and the list on a separate service holding 200 experiments.
 */
export async function benchMemory(config: BenchConfig): Promise<MemoryFigures[]> {
  const service = memoryService()
  const listed = memoryService()
  for (let k = 0; k < LIST_ROWS; k++)
    await ok(listed.create(ACTOR, 'mem', { feature: `f${k}`, name: `E${k}`, hypothesis: 'H' }))
  const samples = new Map(COMMANDS.map((c) => [c, [] as number[]]))
  const warmup = Math.round(config.memoryIterations / 10)
  for (let i = -warmup; i < config.memoryIterations; i++) {
    const measure = async (command: Command, run: () => Promise<unknown>) => {
      const ms = await timed(run)
      if (i >= 0) samples.get(command)!.push(ms)
    }
    let id = ''
    await measure('create', async () => {
      id = (await ok(service.create(ACTOR, 'mem', { feature: 'f0', name: `E${i}`, hypothesis: 'H' }))).id
    })
    await measure('get', () => ok(service.get(ACTOR, 'mem', id)))
    await measure('list', () => ok(listed.list(ACTOR, 'mem', { limit: 50 })))
    await measure('update', () => ok(service.update(ACTOR, 'mem', id, { name: `R${i}` })))
    for (const command of ['start', 'pause', 'complete', 'delete', 'restore'] as const) {
      await measure(command, () => ok(service[command](ACTOR, 'mem', id)))
    }
  }
  return COMMANDS.map((command) => ({ command, ...summarize(samples.get(command)!) }))
}
