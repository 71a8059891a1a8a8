import type { Kysely, Transaction } from 'kysely'
import { normalizeExperimentId } from '../../core/domain/experiment-id.js'
import type { AuditLog } from '../../ports/audit-log.js'
import type {
  ExperimentRepository,
  ExperimentWrite,
  LockedWriteOutcome,
  WriteOutcome,
} from '../../ports/experiment-repository.js'
import { parseExperimentRow, parseIngestionTarget } from './experiment-rows.js'
import { insertFinalResults, selectFinalResults } from './final-results-queries.js'
import { parseFinalResults } from './final-results-rows.js'
import type { LibraryTables } from './library-tables.js'
import { classifyFailure } from './postgres-errors.js'
import { selectDuePage, selectExperiment, selectIngestionTargets, selectListPage } from './read-queries.js'
import type { WriteRunner } from './write-runner.js'
import { writeQuery } from './write-queries.js'
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../../core/domain/vocabulary.js'

/** What {@link createKyselyRepository} works with. */
export interface KyselyRepositoryOptions<DB> {
  readonly tables: LibraryTables
  /** How statements reach the host's database (shared with the other repositories). */
  readonly runner: WriteRunner<DB>
  /**
   * The host's audit sink, called inside the write's transaction; when absent, entries go to
   * the library's audit table in the same statement as the change.
   */
  readonly auditLog?: AuditLog<Transaction<DB>>
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
  if (kind === 'metric_unavailable') return 'metric_unavailable'
  if (kind === 'duplicate_id' || (kind === 'conflict' && !inHostTransaction)) return 'version_conflict'
  throw new Error(`flag-experiments: the write failed (${kind})`, { cause: error })
}

/** What an unwritten row means: the slot was taken (insert) or the version moved on (update). */
function notWritten(change: ExperimentWrite): WriteOutcome {
  return change.kind === 'insert' ? 'active_slot_taken' : 'version_conflict'
}

/**
 * An {@link ExperimentRepository} over the host's Kysely instance (or transaction), reached
 * through the shared {@link WriteRunner}. Reads are
 * one statement each. A write with the library's audit table is one statement (row, metric
 * links, history and audit entry chained through CTEs); with a host audit sink it is a
 * transaction (a savepoint inside a host's transaction) whose audit append decides between
 * commit and rollback.
 */
export function createKyselyRepository<DB>(options: KyselyRepositoryOptions<DB>): ExperimentRepository {
  const { tables, auditLog, runner } = options

  /** The write inside an open transaction (or savepoint, or alone), with whichever audit sink applies. */
  async function writeIn(trx: Kysely<DB>, change: ExperimentWrite): Promise<WriteOutcome> {
    const { rows } = await writeQuery(tables, change, auditLog === undefined).execute(trx.withoutPlugins())
    if (rows[0]?.written !== 1) return notWritten(change)
    await auditLog?.append(change.audit, trx as Transaction<DB>)
    return 'written'
  }

  return {
    find: async (environmentId, experimentId, findOptions) => {
      const query = selectExperiment(
        tables,
        environmentId,
        experimentId,
        findOptions?.includeDeleted === true,
      )
      const { rows } = await runner.read((plain) => query.execute(plain))
      return rows[0] === undefined ? null : parseExperimentRow(rows[0])
    },

    ingestionTargets: async (environmentId, experimentIds) => {
      const ids = [...new Set(experimentIds.filter((id) => normalizeExperimentId(id) === id))]
      if (ids.length === 0) return []
      const query = selectIngestionTargets(tables, environmentId, ids)
      const { rows } = await runner.read((plain) => query.execute(plain))
      return rows.map(parseIngestionTarget)
    },

    list: async (query) => {
      const { rows } = await runner.read((plain) => selectListPage(tables, query).execute(plain))
      const first = rows[0] ?? {}
      const statusCounts = Object.fromEntries(
        EXPERIMENT_STATUSES.map((status) => [status, Number(first[`count_${status}`] ?? 0)]),
      ) as Record<ExperimentStatus, number>
      const items = rows.filter((row) => row.id !== null && row.id !== undefined).map(parseExperimentRow)
      return { items, statusCounts }
    },

    dueScheduled: async (query) => {
      const { rows } = await runner.read((plain) => selectDuePage(tables, query).execute(plain))
      return rows.map(parseExperimentRow)
    },

    write: async (change) => {
      try {
        return await runner.unit((trx) => writeIn(trx, change), auditLog !== undefined)
      } catch (error) {
        return outcomeOf(error, runner.inHostTransaction)
      }
    },

    finalResults: async (environmentId, experimentId) => {
      const query = selectFinalResults(tables, environmentId, experimentId)
      const { rows } = await runner.read((plain) => query.execute(plain))
      return rows[0] === undefined ? null : parseFinalResults(rows[0])
    },

    saveFinalResults: async (environmentId, experimentId, results) => {
      const insert = insertFinalResults(tables, environmentId, experimentId, results)
      const reread = selectFinalResults(tables, environmentId, experimentId)
      const row = await runner.unit(async (db) => {
        const plain = db.withoutPlugins()
        // No row: a racing writer committed while the insert waited; a fresh statement sees it.
        return (await insert.execute(plain)).rows[0] ?? (await reread.execute(plain)).rows[0]
      }, false)
      if (row === undefined) {
        throw new Error(`flag-experiments: no experiment ${experimentId} in environment ${environmentId}`)
      }
      return parseFinalResults(row)
    },

    lockAndWrite: async (environmentId, experimentId, lockOptions, decide): Promise<LockedWriteOutcome> => {
      const query = selectExperiment(tables, environmentId, experimentId, lockOptions.includeDeleted, true)
      const locked = async (trx: Kysely<DB>): Promise<LockedWriteOutcome> => {
        const { rows } = await query.execute(trx.withoutPlugins())
        const change = decide(rows[0] === undefined ? null : parseExperimentRow(rows[0]))
        return change === null ? 'nothing_to_write' : writeIn(trx, change)
      }
      try {
        return await runner.unit(locked, true)
      } catch (error) {
        return outcomeOf(error, runner.inHostTransaction)
      }
    },
  }
}
