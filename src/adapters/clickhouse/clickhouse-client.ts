/**
 * The slice of an `@clickhouse/client` `ClickHouseClient` the adapter uses: a `ClickHouseClient`
 * (on a server, or on embedded chDB through `chdb/connection`) is one, and so is any object with
 * these two methods. Values always travel as query parameters (`{name:Type}` in the SQL), never
 * inside the SQL text; settings are written in the statement's own `SETTINGS` clause, so that
 * they hold for that statement only (chDB's connection turns `clickhouse_settings` into `SET`s
 * that outlive the call).
 */
export interface ClickHouseClientSlice {
  /** Runs a `SELECT`; the adapter reads its rows with `json()` (format `JSONEachRow`). */
  query(params: {
    query: string
    format: 'JSONEachRow'
    query_params?: Record<string, unknown>
  }): Promise<{ json(): Promise<unknown> }>
  /** Runs a statement without rows (DDL, `INSERT … SELECT`). */
  command(params: { query: string; query_params?: Record<string, unknown> }): Promise<unknown>
}
