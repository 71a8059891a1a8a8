import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely'

/** Where a statement fails: not at all, before it reaches the database, or after (a lost reply). */
export type Fault = 'none' | 'before' | 'after'

/** The switchboard of a {@link faultyDialect}: what to break next, and what was broken. */
export interface Faults {
  /** The database is unreachable: every connection and statement fails. */
  down: boolean
  /** Decides the fault of each statement (e.g. randomly); `none` when faults are off. */
  pick: () => Fault
  /** How many faults were injected so far. */
  injected: number
}

/** The error a terminated backend gives (`pg_terminate_backend`): SQLSTATE 57P01. */
export function terminatedError(): Error {
  return Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })
}

function refusedError(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
}

/**
 * Wraps a real dialect so that statements fail on demand, before they run or after they ran
 * (the reply lost, the change committed): the failures a dropped connection causes, on any
 * database, PGlite included.
 */
export function faultyDialect(inner: Dialect, faults: Faults): Dialect {
  const originals = new WeakMap<DatabaseConnection, DatabaseConnection>()
  const original = (connection: DatabaseConnection) => originals.get(connection) ?? connection

  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    const wrapped: DatabaseConnection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const fault = faults.down ? 'before' : faults.pick()
        if (fault === 'none') return connection.executeQuery<R>(query)
        faults.injected++
        if (fault === 'after') await connection.executeQuery<R>(query)
        // A connection that fails is gone, and the server aborts whatever transaction it had open
        // (a lost reply to BEGIN must not leave one open for the connection's next user).
        await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined)
        throw faults.down ? refusedError() : terminatedError()
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) =>
        connection.streamQuery<R>(query, chunkSize),
    }
    originals.set(wrapped, connection)
    return wrapped
  }

  return {
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createDriver: (): Driver => {
      const driver = inner.createDriver()
      return {
        init: () => driver.init(),
        acquireConnection: async () => {
          if (faults.down) {
            faults.injected++
            throw refusedError()
          }
          return wrap(await driver.acquireConnection())
        },
        // Begin and commit go through the faulty connection (a commit whose reply is lost is the
        // worst case); rollback and release get the real one, as a pool would clean up.
        beginTransaction: (c: DatabaseConnection, s: TransactionSettings) => driver.beginTransaction(c, s),
        commitTransaction: (c: DatabaseConnection) => driver.commitTransaction(c),
        rollbackTransaction: (c: DatabaseConnection) => driver.rollbackTransaction(original(c)),
        releaseConnection: (c: DatabaseConnection) => driver.releaseConnection(original(c)),
        destroy: () => driver.destroy(),
      }
    },
  }
}
