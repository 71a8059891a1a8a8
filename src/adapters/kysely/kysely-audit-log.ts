import type { Kysely, Transaction } from 'kysely'
import type { AuditEntry } from '../../core/domain/audit-entry.js'
import type { AuditLog } from '../../ports/audit-log.js'
import { parseAuditRow } from './experiment-rows.js'
import type { LibraryTables } from './library-tables.js'
import { appendAuditQuery, auditEntriesQuery } from './audit-queries.js'

/** The library's audit table as an {@link AuditLog}, whose entries a host can read back. */
export interface KyselyAuditLog<DB = unknown> extends AuditLog<Transaction<DB>> {
  /** Entries in the order they were written, optionally about one experiment or metric only. */
  entries(subjectId?: string): Promise<AuditEntry[]>
}

/**
 * Creates the {@link KyselyAuditLog} over the library's `flag_experiments_audit` table. The
 * repository writes into that table itself, in the statement of the change; `append` is there
 * for hosts that compose it into their own sink.
 */
export function createKyselyAuditLog<DB>(db: Kysely<DB>, tables: LibraryTables): KyselyAuditLog<DB> {
  return {
    append: async (entry, trx) => {
      await appendAuditQuery(tables, entry).execute(trx.withoutPlugins())
    },
    entries: async (subjectId) => {
      const { rows } = await auditEntriesQuery(tables, subjectId).execute(db.withoutPlugins())
      return rows.map(parseAuditRow)
    },
  }
}
