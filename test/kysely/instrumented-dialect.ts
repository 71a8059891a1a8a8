import type { CompiledQuery, DatabaseConnection, Dialect, Driver } from 'kysely'

/** A dialect wrapper that records every statement sent and can make the next ones fail. */
export interface InstrumentedDialect {
  /** Wraps a dialect; pass to `TestDatabase.openKysely`. */
  readonly wrap: (inner: Dialect) => Dialect
  /** The SQL of every statement sent so far, `begin`/`commit` included. */
  readonly statements: string[]
  /**
   * Makes the next statements fail, one per code, with a driver-like error carrying that code;
   * a `null` lets its statement through.
   */
  failNext(...codes: (string | null)[]): void
  /** Passes every result row through `rewrite` from now on, as a host's own type parsers might. */
  rewriteRows(rewrite: (row: Record<string, unknown>) => Record<string, unknown>): void
}

/** Creates an {@link InstrumentedDialect}. */
export function instrumentedDialect(): InstrumentedDialect {
  const statements: string[] = []
  const failures: (string | null)[] = []
  const inners = new WeakMap<DatabaseConnection, DatabaseConnection>()
  let rewrite: ((row: Record<string, unknown>) => Record<string, unknown>) | undefined

  const run = <R>(connection: DatabaseConnection, query: CompiledQuery) => {
    statements.push(query.sql)
    const code = failures.shift()
    if (code !== undefined && code !== null)
      return Promise.reject(Object.assign(new Error(`injected failure ${code}`), { code }))
    const result = connection.executeQuery<R>(query)
    const rewriting = rewrite
    if (rewriting === undefined) return result
    return result.then((done) => ({
      ...done,
      rows: done.rows.map((row) => rewriting(row as Record<string, unknown>) as R),
    }))
  }

  const wrapDriver = (driver: Driver): Driver => ({
    init: () => driver.init(),
    acquireConnection: async () => {
      const inner = await driver.acquireConnection()
      const outer: DatabaseConnection = {
        executeQuery: (query) => run(inner, query),
        streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
      }
      inners.set(outer, inner)
      return outer
    },
    beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
    commitTransaction: (connection) => driver.commitTransaction(connection),
    rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
    releaseConnection: (connection) => driver.releaseConnection(inners.get(connection) ?? connection),
    destroy: () => driver.destroy(),
  })

  return {
    statements,
    failNext: (...codes) => failures.push(...codes),
    rewriteRows: (next) => {
      rewrite = next
    },
    wrap: (inner) => ({
      createAdapter: () => inner.createAdapter(),
      createQueryCompiler: () => inner.createQueryCompiler(),
      createIntrospector: (db) => inner.createIntrospector(db),
      createDriver: () => wrapDriver(inner.createDriver()),
    }),
  }
}
