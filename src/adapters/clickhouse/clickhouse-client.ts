/** Settings sent with one statement, as `@clickhouse/client` takes them. */
export type ClickHouseStatementSettings = Readonly<Record<string, string | number | boolean>>

/**
 * The slice of an `@clickhouse/client` `ClickHouseClient` the adapter uses: a `ClickHouseClient`
 * (on a server, or on embedded chDB through `chdb/connection`) is one, and so is any object with
 * these three methods. Values always travel as query parameters (`{name:Type}` in the SQL) or as
 * inserted rows, never inside the SQL text.
 */
export interface ClickHouseClientSlice {
  /** Runs a `SELECT`; the adapter reads its rows with `json()` (format `JSONEachRow`). */
  query(params: {
    query: string
    format: 'JSONEachRow'
    query_params?: Record<string, unknown>
    clickhouse_settings?: ClickHouseStatementSettings
  }): Promise<{ json(): Promise<unknown> }>
  /** Runs a statement without rows (DDL). */
  command(params: { query: string; clickhouse_settings?: ClickHouseStatementSettings }): Promise<unknown>
  /** Inserts rows (format `JSONEachRow`) into a table, as one block. */
  insert(params: {
    table: string
    values: readonly Record<string, unknown>[]
    format: 'JSONEachRow'
    clickhouse_settings?: ClickHouseStatementSettings
  }): Promise<unknown>
}
