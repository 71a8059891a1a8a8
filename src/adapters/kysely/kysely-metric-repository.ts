import type { Kysely, Transaction } from 'kysely'
import type { AuditLog } from '../../ports/audit-log.js'
import type { MetricRepository, MetricWrite, MetricWriteOutcome } from '../../ports/metric-repository.js'
import type { LibraryTables } from './library-tables.js'
import { parseMetricRow, parseStoredMetricRow } from './metric-rows.js'
import { metricWriteQuery, selectMetric, selectMetricPage, selectMetrics } from './metric-queries.js'
import { classifyFailure } from './postgres-errors.js'
import type { WriteRunner } from './write-runner.js'

/** What {@link createKyselyMetricRepository} works with. */
export interface KyselyMetricRepositoryOptions<DB> {
  readonly tables: LibraryTables
  /** How statements reach the host's database (shared with the other repositories). */
  readonly runner: WriteRunner<DB>
  /** The host's audit sink, called inside the write's transaction; when absent, the library's audit table. */
  readonly auditLog?: AuditLog<Transaction<DB>>
}

/**
 * A failed metric write as an outcome where it is one (nothing was written in each case);
 * anything else is rethrown for the core to report as `unavailable`.
 */
function outcomeOf(error: unknown, inHostTransaction: boolean): MetricWriteOutcome {
  const kind = classifyFailure(error)
  if (kind === 'metric_name_taken') return 'name_taken'
  if (kind === 'metric_in_use') return 'in_use'
  if (kind === 'duplicate_id' || (kind === 'conflict' && !inHostTransaction)) return 'version_conflict'
  throw new Error(`flag-experiments: the metric write failed (${kind})`, { cause: error })
}

/**
 * A {@link MetricRepository} over the host's Kysely instance (or transaction). Reads are one
 * statement each (a metric with the experiments using it included). A write with the library's
 * audit table is one statement; with a host audit sink, a transaction (a savepoint inside a host's
 * transaction) whose audit append decides between commit and rollback. The database keeps names
 * unique (a partial unique index) and metrics in use unchanged (a trigger), whatever the callers do.
 */
export function createKyselyMetricRepository<DB>(
  options: KyselyMetricRepositoryOptions<DB>,
): MetricRepository {
  const { tables, auditLog, runner } = options

  async function writeIn(trx: Kysely<DB>, change: MetricWrite): Promise<MetricWriteOutcome> {
    const query = metricWriteQuery(tables, change, auditLog === undefined)
    const { rows } = await query.execute(trx.withoutPlugins())
    if (rows[0]?.written !== 1) return 'version_conflict'
    await auditLog?.append(change.audit, trx as Transaction<DB>)
    return 'written'
  }

  return {
    find: async (environmentId, metricId, findOptions) => {
      const query = selectMetric(tables, environmentId, metricId, findOptions?.includeDeleted === true)
      const { rows } = await runner.read((plain) => query.execute(plain))
      return rows[0] === undefined ? null : parseStoredMetricRow(rows[0])
    },

    findMany: async (environmentId, metricIds) => {
      if (metricIds.length === 0) return []
      const { rows } = await runner.read((plain) =>
        selectMetrics(tables, environmentId, metricIds).execute(plain),
      )
      return rows.map(parseMetricRow)
    },

    list: async (query) => {
      const { rows } = await runner.read((plain) => selectMetricPage(tables, query).execute(plain))
      return rows.map(parseMetricRow)
    },

    write: async (change) => {
      try {
        return await runner.unit((trx) => writeIn(trx, change), auditLog !== undefined)
      } catch (error) {
        return outcomeOf(error, runner.inHostTransaction)
      }
    },
  }
}
