import { sql, type Kysely } from 'kysely'
import { createSerialQueue } from '../shared/serial-queue.js'
import { classifyFailure, isRetryable } from './postgres-errors.js'

/**
 * How the library's statements reach one host `Kysely` (or `Transaction`): reads, and units of
 * work that run alone, in a transaction, or in a savepoint of the host's transaction. The
 * repositories of one {@link createKyselyAdapters} call share one, so their savepoints take turns.
 */
export interface WriteRunner<DB> {
  /** Whether the host handed over a transaction: then nothing is retried (only the host can). */
  readonly inHostTransaction: boolean
  /** Runs a read without the host's plugins, once more if it failed in a retryable way. */
  read<T>(run: (db: Kysely<DB>) => Promise<T>): Promise<T>
  /**
   * Runs a unit of work: in a savepoint of the host's transaction when there is one, else in a
   * transaction of its own when `transactional`, else as it is (one statement is atomic alone);
   * outside a host's transaction, once more if it failed in a retryable way. `run` gets the
   * host's `Kysely` (plugins included, as a host audit sink expects it).
   */
  unit<T>(run: (db: Kysely<DB>) => Promise<T>, transactional: boolean): Promise<T>
}

/** Runs a statement, once more if it failed in a way a second run on fresh state may fix. */
async function withOneRetry<T>(run: () => Promise<T>, retry: boolean): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!retry || !isRetryable(classifyFailure(error))) throw error
    return await run()
  }
}

/** Creates the {@link WriteRunner} of one host `Kysely` or `Transaction`. */
export function createWriteRunner<DB>(db: Kysely<DB>): WriteRunner<DB> {
  const plain = db.withoutPlugins()
  const inHostTransaction = db.isTransaction
  let savepoints = 0
  /** Writes inside a host's transaction take turns: savepoints on one connection must not interleave. */
  const savepointTurns = createSerialQueue()

  /** Runs the work in a savepoint of the host's transaction, so a failure leaves it usable. */
  async function inSavepoint<T>(run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
    const name = sql.id(`flag_experiments_write_${++savepoints}`)
    await sql`savepoint ${name}`.execute(plain)
    try {
      const outcome = await run(db)
      await sql`release savepoint ${name}`.execute(plain)
      return outcome
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(plain)
      await sql`release savepoint ${name}`.execute(plain)
      throw error
    }
  }

  return {
    inHostTransaction,
    read: (run) => withOneRetry(() => run(plain), !inHostTransaction),
    unit: (run, transactional) => {
      if (inHostTransaction) return savepointTurns.run(() => inSavepoint(run))
      return withOneRetry(() => (transactional ? db.transaction().execute(run) : run(db)), true)
    },
  }
}
