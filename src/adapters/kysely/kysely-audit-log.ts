import type { Kysely, Transaction } from 'kysely'
import type { AuditEntry } from '../../core/domain/audit-entry.js'
import { encodeFeedCursor, FEED_START, type FeedPosition } from '../../core/domain/feed-cursor.js'
import type { AuditFeed, AuditFeedOptions, AuditFeedPage } from '../../ports/audit-feed.js'
import type { AuditLog } from '../../ports/audit-log.js'
import { parseAuditRow } from './experiment-rows.js'
import type { LibraryTables } from './library-tables.js'
import { appendAuditQuery, auditEntriesQuery, auditFeedQuery } from './audit-queries.js'

/**
 * The library's audit table as an {@link AuditLog}, whose entries a host can read back, and as
 * an {@link AuditFeed}.
 */
export interface KyselyAuditLog<DB = unknown> extends AuditLog<Transaction<DB>>, AuditFeed {
  /** Entries in the order they were written, optionally about one experiment or metric only. */
  entries(subjectId?: string): Promise<AuditEntry[]>
}

/**
 * Creates the {@link KyselyAuditLog} over the library's `flag_experiments_audit` table. The
 * repository writes into that table itself, in the statement of the change; `append` is there
 * for hosts that compose it into their own sink.
 *
 * `entriesSince` reads the table in the order of (id of the transaction that wrote the entry,
 * sequence number), and its cursor is the last such pair read. Sequence numbers alone would
 * skip entries: they are taken when a row is inserted, not when its transaction commits, so a
 * slow transaction can commit entry 7 after a reader has already passed entry 8. Instead the
 * feed returns only entries written by transactions older than the oldest transaction still
 * open (the `xmin` of the reader's snapshot): all of those have ended, and any transaction
 * that writes later gets a larger id, so nothing can appear behind the cursor any more. The
 * price is that one long open transaction, even one writing elsewhere, holds the feed back
 * until it ends — the feed waits rather than skips. The request arrives checked
 * (`parseAuditFeedInput`): its position fits `xid8` and `bigint`, and nothing here checks it again.
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
    entriesSince: ({ after, limit }, options = {}) =>
      readFeed(db, tables, after ?? FEED_START, limit, options),
  }
}

/** Reads one page of the feed after `after`; the next cursor stays put when there is nothing new. */
async function readFeed<DB>(
  db: Kysely<DB>,
  tables: LibraryTables,
  after: FeedPosition,
  limit: number,
  options: AuditFeedOptions,
): Promise<AuditFeedPage> {
  const { rows } = await auditFeedQuery(tables, after, limit, options).execute(db.withoutPlugins())
  const last = rows.at(-1)
  const position =
    last === undefined ? after : { major: String(last.feed_txid), minor: String(last.feed_seq) }
  const entries = rows.map(({ feed_txid: _txid, feed_seq: _seq, ...row }) => parseAuditRow(row))
  return { entries, nextCursor: encodeFeedCursor(position) }
}
