import { createHash, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { ClickHouseClientSlice } from './clickhouse-client.js'

/** One key-identified insert of {@link insertOnce}. */
export interface KeyedInsert {
  /** The quoted table. */
  readonly table: string
  /** Its columns as `JSONEachRow` rows carry them, with their types (`batch` aside). */
  readonly columns: readonly (readonly [name: string, type: string])[]
  /** A condition on the table's rows matching the keys bound by {@link KeyedInsert.keyParams}. */
  readonly keyCondition: string
  /** The parameters binding the rows' keys (arrays, one per key column). */
  readonly keyParams: (rows: readonly Record<string, unknown>[]) => Record<string, unknown>
  /** The key of a row as text, to tell stored keys from new ones. */
  readonly keyText: (row: Readonly<Record<string, unknown>>) => string
  /** The stored keys among the bound ones, as the same text (`SELECT` of one column `key`). */
  readonly storedKeysSql: string
  /** Parameters the conditions share (the environment). */
  readonly params: Readonly<Record<string, unknown>>
  /** More `SETTINGS` of the insert (on a cluster: a synchronous Distributed insert). */
  readonly insertSettings: string
}

const Keys = z.array(z.object({ key: z.string() }))
const Count = z.array(z.object({ stored: z.coerce.number().int().nonnegative() })).length(1)

/**
 * Stores the rows (each key once, already) whose keys are not stored yet, in one insert, and
 * answers how many rows this call stored. The insert carries a deduplication token made of its
 * rows, so when the same new rows are sent at once by several callers (a retried batch),
 * ClickHouse keeps one block and drops the others; each row carries a random `batch` id of the
 * call, and the call counts the rows of its keys stored with its own id. Rows of two different
 * batches that overlap and are sent at the same moment may both be stored: `summarize` counts
 * such copies once. The rows travel as one `JSONEachRow` text parameter read by `format(…)`.
 */
export async function insertOnce(
  client: ClickHouseClientSlice,
  insert: KeyedInsert,
  rows: readonly Record<string, unknown>[],
): Promise<number> {
  const found = await client.query({
    query: insert.storedKeysSql,
    format: 'JSONEachRow',
    query_params: { ...insert.params, ...insert.keyParams(rows) },
  })
  const stored = new Set(Keys.parse(await found.json()).map((row) => row.key))
  const fresh = rows.filter((row) => !stored.has(insert.keyText(row)))
  if (fresh.length === 0) return 0
  const token = createHash('sha256')
    .update(JSON.stringify([insert.table, fresh]))
    .digest('hex')
  const batch = randomBytes(8).readBigUInt64BE().toString()
  const columns = insert.columns.map(([name]) => name)
  const structure = insert.columns.map(([name, type]) => `${name} ${type}`).join(', ')
  await client.command({
    query: `INSERT INTO ${insert.table} (${columns.join(', ')}, batch)
      SETTINGS insert_deduplication_token = '${token}'${insert.insertSettings}
      SELECT ${columns.join(', ')}, ${batch} FROM format(JSONEachRow, {structure:String}, {rows:String})`,
    query_params: { structure, rows: fresh.map((row) => JSON.stringify(row)).join('\n') },
  })
  const counted = await client.query({
    query: `SELECT count() AS stored FROM ${insert.table} WHERE batch = {batch:UInt64} AND ${insert.keyCondition}`,
    format: 'JSONEachRow',
    query_params: { ...insert.params, ...insert.keyParams(fresh), batch },
  })
  return Count.parse(await counted.json())[0]?.stored ?? 0
}
