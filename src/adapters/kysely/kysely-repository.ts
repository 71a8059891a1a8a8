import { sql, type Kysely, type Transaction } from 'kysely'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../core/domain/experiment.js'
import type { AuditLog } from '../../ports/audit-log.js'
import type {
  ExperimentRepository,
  ExperimentWrite,
  LockedWriteOutcome,
  WriteOutcome,
} from '../../ports/experiment-repository.js'
import { parseExperimentRow } from './experiment-rows.js'
import type { LibraryTables } from './library-tables.js'
import { classifyFailure, isRetryable } from './postgres-errors.js'
import { createSerialQueue } from '../shared/serial-queue.js'
import { selectExperiment, selectListPage } from './read-queries.js'
import { writeQuery } from './write-queries.js'

/** How {@link createKyselyRepository} writes audit entries. */
export interface KyselyRepositoryOptions<DB> {
  readonly tables: LibraryTables
  /**
   * The host's audit sink, called inside the write's transaction; when absent, entries go to
   * the library's audit table in the same statement as the change.
   */
  readonly auditLog?: AuditLog<Transaction<DB>>
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

/**
 * A failed write as an outcome where it is one (nothing was written in each case); anything
 * else is rethrown for the core to report as `unavailable`. A serialization failure or deadlock
 * that survived its retry is a lost race: the core re-decides on fresh state — except in a
 * host's transaction, which only the host can run again.
 */
function outcomeOf(error: unknown, inHostTransaction: boolean): WriteOutcome {
  const kind = classifyFailure(error)
  if (kind === 'active_slot_taken') return 'active_slot_taken'
  if (kind === 'duplicate_id' || (kind === 'conflict' && !inHostTransaction)) return 'version_conflict'
  throw new Error(`flag-experiments: the write failed (${kind})`, { cause: error })
}

/**
 * An {@link ExperimentRepository} over the host's Kysely instance (or transaction). Reads are
 * one statement each. A write with the library's audit table is one statement (row, history
 * and audit entry chained through CTEs); with a host audit sink it is a transaction (a savepoint
 * inside a host's transaction) whose audit append decides between commit and rollback.
 */
export function createKyselyRepository<DB>(
  db: Kysely<DB>,
  options: KyselyRepositoryOptions<DB>,
): ExperimentRepository {
  const { tables, auditLog } = options
  const plain = db.withoutPlugins()
  const inHostTransaction = db.isTransaction
  let savepoints = 0
  /** Writes inside a host's transaction take turns: savepoints on one connection must not interleave. */
  const savepointTurns = createSerialQueue()

  /** Runs the write in a savepoint of the host's transaction, so a failure leaves it usable. */
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

  /** Row and history in one statement, then the host's audit append, in one unit of work. */
  async function writeWithHostAudit(
    sink: AuditLog<Transaction<DB>>,
    trx: Kysely<DB>,
    change: ExperimentWrite,
  ): Promise<WriteOutcome> {
    const { rows } = await writeQuery(tables, change, false).execute(trx.withoutPlugins())
    if (rows[0]?.written !== 1) return change.kind === 'insert' ? 'active_slot_taken' : 'version_conflict'
    await sink.append(change.audit, trx as Transaction<DB>)
    return 'written'
  }

  /** The write alone, as one statement with the library's audit table. */
  async function writeStatement(on: Kysely<DB>, change: ExperimentWrite): Promise<WriteOutcome> {
    const { rows } = await writeQuery(tables, change, true).execute(on.withoutPlugins())
    if (rows[0]?.written === 1) return 'written'
    return change.kind === 'insert' ? 'active_slot_taken' : 'version_conflict'
  }

  /** The write inside an open transaction (or savepoint), with whichever audit sink applies. */
  function writeIn(trx: Kysely<DB>, change: ExperimentWrite): Promise<WriteOutcome> {
    return auditLog === undefined ? writeStatement(trx, change) : writeWithHostAudit(auditLog, trx, change)
  }

  async function writeOnce(change: ExperimentWrite): Promise<WriteOutcome> {
    if (inHostTransaction) return inSavepoint((trx) => writeIn(trx, change))
    if (auditLog === undefined) return writeStatement(db, change)
    return db.transaction().execute((trx) => writeIn(trx, change))
  }

  /** Runs `task` in turn with the other writes of a host's transaction, or at once. */
  async function serialized<T>(task: () => Promise<T>): Promise<T> {
    return inHostTransaction ? savepointTurns.run(task) : task()
  }

  return {
    find: async (environmentId, experimentId, findOptions) => {
      const query = selectExperiment(
        tables,
        environmentId,
        experimentId,
        findOptions?.includeDeleted === true,
      )
      const { rows } = await withOneRetry(() => query.execute(plain), !inHostTransaction)
      return rows[0] === undefined ? null : parseExperimentRow(rows[0])
    },

    list: async (query) => {
      const { rows } = await withOneRetry(
        () => selectListPage(tables, query).execute(plain),
        !inHostTransaction,
      )
      const first = rows[0] ?? {}
      const statusCounts = Object.fromEntries(
        EXPERIMENT_STATUSES.map((status) => [status, Number(first[`count_${status}`] ?? 0)]),
      ) as Record<ExperimentStatus, number>
      const items = rows.filter((row) => row.id !== null && row.id !== undefined).map(parseExperimentRow)
      return { items, statusCounts }
    },

    write: async (change) => {
      try {
        return await serialized(() => withOneRetry(() => writeOnce(change), !inHostTransaction))
      } catch (error) {
        return outcomeOf(error, inHostTransaction)
      }
    },

    lockAndWrite: async (environmentId, experimentId, lockOptions, decide): Promise<LockedWriteOutcome> => {
      const query = selectExperiment(tables, environmentId, experimentId, lockOptions.includeDeleted, true)
      const locked = async (trx: Kysely<DB>): Promise<LockedWriteOutcome> => {
        const { rows } = await query.execute(trx.withoutPlugins())
        const change = decide(rows[0] === undefined ? null : parseExperimentRow(rows[0]))
        return change === null ? 'nothing_to_write' : writeIn(trx, change)
      }
      try {
        return await serialized(() =>
          inHostTransaction
            ? inSavepoint(locked)
            : withOneRetry(() => db.transaction().execute(locked), true),
        )
      } catch (error) {
        return outcomeOf(error, inHostTransaction)
      }
    },
  }
}
