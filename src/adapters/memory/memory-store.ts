import type { Experiment, StatusChange } from '../../core/domain/experiment.js'
import type { Metric } from '../../core/domain/metric.js'
import type { ExperimentResults } from '../../core/domain/results.js'
import { createSerialQueue, type SerialQueue } from '../shared/serial-queue.js'

/**
 * The tables the memory repositories share, and the one queue their writes take turns on: a
 * write that checks the other table (a metric delete against the experiments listing it, an
 * attach against the metric) sees it as no concurrent write can change it.
 */
export interface MemoryStore {
  /** Experiment rows, their metrics by id, role and direction only. */
  readonly experiments: Map<string, Experiment>
  readonly histories: Map<string, StatusChange[]>
  /** The experiment holding each (environment, feature) slot. */
  readonly activeBySlot: Map<string, string>
  readonly metrics: Map<string, Metric>
  /** Completed experiments' frozen results, by experiment id. */
  readonly finalResults: Map<string, ExperimentResults>
  /** Results snapshots by experiment id, then by UTC day (`YYYY-MM-DD`), days in order. */
  readonly snapshots: Map<string, Map<string, ExperimentResults>>
  readonly writes: SerialQueue
}

/** Creates empty {@link MemoryStore} tables, for repositories that must see each other's rows. */
export function createMemoryStore(): MemoryStore {
  return {
    experiments: new Map(),
    histories: new Map(),
    activeBySlot: new Map(),
    metrics: new Map(),
    finalResults: new Map(),
    snapshots: new Map(),
    writes: createSerialQueue(),
  }
}

/**
 * Lower case one code point at a time, as Postgres' `lower()` does: a whole-string
 * `toLowerCase` applies context rules (Greek final sigma) that would make a name miss a
 * search for its own prefix, or two names that a database sees as equal differ.
 */
export function lowerEach(text: string): string {
  let lowered = ''
  for (const char of text) lowered += char.toLowerCase()
  return lowered
}

/** Newest first: `createdAt` descending, then `id` descending. */
export function compareListOrder(
  a: { readonly createdAt: Date; readonly id: string },
  b: { readonly createdAt: Date; readonly id: string },
): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime()
  return byTime !== 0 ? byTime : a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}
