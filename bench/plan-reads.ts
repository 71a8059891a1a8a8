import { summarizeQuery } from '../src/adapters/kysely/experiment-data-queries.js'
import { experimentDataTables } from '../src/adapters/kysely/experiment-data-tables.js'
import { SUMMARY_SETTINGS } from '../src/adapters/kysely/kysely-experiment-data.js'
import type { SummaryQuery } from '../src/index.js'
import type { Backend } from './backend.js'

/** What the summary statement read, from its plan. */
export interface PlanReads {
  /** Shared buffers hit or read by the whole statement. */
  readonly buffers: number
  /** Of those, read from outside Postgres's cache. */
  readonly buffersRead: number
  /** Execution time `EXPLAIN ANALYZE` reported, in milliseconds (with its timing overhead). */
  readonly executionMs: number
  /** Heap pages visited by index scans for rows the visibility map could not vouch for. */
  readonly heapFetches: number
  /** Scans of the events table that are not index scans with `identity` among their conditions. */
  readonly eventScansWithoutIdentity: number
}

/** Sums what every node of an `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` plan read. */
export function planReads(plan: unknown, eventsTable: string): PlanReads {
  let [heapFetches, eventScansWithoutIdentity] = [0, 0]
  const visit = (node: Record<string, unknown>) => {
    heapFetches += Number(node['Heap Fetches'] ?? 0)
    const condition = typeof node['Index Cond'] === 'string' ? node['Index Cond'] : ''
    if (node['Relation Name'] === eventsTable && !/\bidentity = /.test(condition))
      eventScansWithoutIdentity += 1
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child)
  }
  const top = (plan as { Plan?: Record<string, unknown>; 'Execution Time'?: number }[])[0]
  const root = top?.Plan ?? {}
  visit(root)
  const buffersRead = Number(root['Shared Read Blocks'] ?? 0)
  const buffers = Number(root['Shared Hit Blocks'] ?? 0) + buffersRead
  return {
    buffers,
    buffersRead,
    executionMs: Number(top?.['Execution Time'] ?? 0),
    heapFetches,
    eventScansWithoutIdentity,
  }
}

/** The plan of the summary statement as the adapter sends it, run with the adapter's settings. */
export async function explain(backend: Backend, schema: string, query: SummaryQuery): Promise<PlanReads> {
  const compiled = summarizeQuery(experimentDataTables(schema), query).compile(backend.db)
  const settings = Object.entries(SUMMARY_SETTINGS)
    .map(([name, value]) => `set local ${name} = '${value}'`)
    .join('; ')
  const { rows } = await backend.sqlTransaction(settings, (client) =>
    client.query<Record<string, unknown>>(`explain (analyze, buffers, format json) ${compiled.sql}`, [
      ...compiled.parameters,
    ]),
  )
  const plan = Object.values(rows[0] ?? {})[0]
  return planReads(typeof plan === 'string' ? JSON.parse(plan) : plan, 'flag_experiments_events')
}
