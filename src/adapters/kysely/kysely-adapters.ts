import type { Kysely, Transaction } from 'kysely'
import type { AuditFeed } from '../../ports/audit-feed.js'
import type { AuditLog } from '../../ports/audit-log.js'
import { auditFeedOf } from '../shared/audit-feed-of.js'
import type { ExperimentData } from '../../ports/experiment-data.js'
import type { ExperimentRepository } from '../../ports/experiment-repository.js'
import type { MetricRepository } from '../../ports/metric-repository.js'
import type { ResultsHistory } from '../../ports/results-history.js'
import { createKyselyAuditLog, type KyselyAuditLog } from './kysely-audit-log.js'
import { createKyselyExperimentData } from './kysely-experiment-data.js'
import { createKyselyMetricRepository } from './kysely-metric-repository.js'
import { createKyselyRepository } from './kysely-repository.js'
import { createKyselyResultsHistory } from './kysely-results-history.js'
import { libraryTables } from './library-tables.js'
import { createWriteRunner } from './write-runner.js'

/** Options of {@link createKyselyAdapters}. */
export interface KyselyAdaptersOptions<A> {
  /** The Postgres schema {@link migrateToLatest} put the tables in. Defaults to `public`. */
  readonly schema?: string
  /**
   * The host's own audit sink, called with the write's transaction (the host's own `Kysely`
   * transaction, plugins included); if it rejects, the change is rolled back. Defaults to the
   * library's audit table, written in the same statement as the change.
   */
  readonly auditLog?: A
}

/** The Kysely-backed ports: spread them with the host's lookups into {@link createExperimentService}. */
export interface KyselyAdapters<A> {
  readonly repository: ExperimentRepository
  /** The environments' metric catalogue. */
  readonly metrics: MetricRepository
  readonly auditLog: A
  /**
   * The audit entries as a feed, for the service's audit reads: the library's audit table, or
   * the host's sink if it is an {@link AuditFeed} too; absent otherwise.
   */
  readonly auditFeed?: AuditFeed
  readonly experimentData: ExperimentData
  /** The results snapshots (the lift over time), in the library's table. */
  readonly resultsHistory: ResultsHistory
}

/**
 * Creates the repositories and audit log over the host's own `Kysely` instance — or a
 * `Transaction`, to make the library's writes part of the host's unit of work. The library's
 * SQL runs without the host's plugins (a `CamelCasePlugin` is left in place for the host) and
 * in the given schema. Run {@link migrateToLatest} with the same schema first.
 *
 * @example
 * ```ts
 * await migrateToLatest(db, { schema: 'experiments' })
 * const service = createExperimentService({
 *   ...createKyselyAdapters(db, { schema: 'experiments' }),
 *   features,
 *   permissions,
 * })
 * ```
 */
export function createKyselyAdapters<DB>(
  db: Kysely<DB> | Transaction<DB>,
  options?: KyselyAdaptersOptions<undefined>,
): KyselyAdapters<KyselyAuditLog<DB>>
/** With the host's own audit sink, called in the write's transaction. */
export function createKyselyAdapters<DB, A extends AuditLog<Transaction<DB>>>(
  db: Kysely<DB> | Transaction<DB>,
  options: KyselyAdaptersOptions<A> & { readonly auditLog: A },
): KyselyAdapters<A>
export function createKyselyAdapters<DB>(
  db: Kysely<DB> | Transaction<DB>,
  options: KyselyAdaptersOptions<AuditLog<Transaction<DB>> | undefined> = {},
): KyselyAdapters<AuditLog<Transaction<DB>>> {
  const tables = libraryTables(options.schema)
  const runner = createWriteRunner(db)
  const auditLog = options.auditLog ?? createKyselyAuditLog(db, tables)
  const auditFeed = auditFeedOf(auditLog)
  return {
    repository: createKyselyRepository({ tables, runner, auditLog: options.auditLog }),
    metrics: createKyselyMetricRepository({ tables, runner, auditLog: options.auditLog }),
    auditLog,
    ...(auditFeed && { auditFeed }),
    experimentData: createKyselyExperimentData(db, { schema: options.schema }),
    resultsHistory: createKyselyResultsHistory({ tables, runner }),
  }
}
