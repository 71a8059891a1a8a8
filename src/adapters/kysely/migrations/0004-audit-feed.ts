import { sql, type Kysely, type Migration } from 'kysely'
import { libraryTables, TABLE_NAMES } from '../library-tables.js'

/**
 * 0004: the audit feed's order. Each entry records the id of the transaction that wrote it
 * (`txid`), so a reader can hold back what a still-open transaction wrote (see
 * `entriesSince`); entries already stored share this migration's transaction id and keep
 * their `seq` order. The indexes serve the feed of one environment and of all of them.
 */
export function auditFeedMigration(schema: string): Migration {
  const t = libraryTables(schema)
  const index = (name: string) => sql.id(`${TABLE_NAMES.audit}_${name}`)
  return {
    async up(db: Kysely<unknown>) {
      await sql`alter table ${t.audit} add column txid xid8 not null default pg_current_xact_id()`.execute(db)
      await sql`create index ${index('feed_idx')} on ${t.audit} (txid, seq)`.execute(db)
      await sql`create index ${index('environment_feed_idx')} on ${t.audit} (environment_id, txid, seq)`.execute(
        db,
      )
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index ${t.schema}.${index('environment_feed_idx')}`.execute(db)
      await sql`drop index ${t.schema}.${index('feed_idx')}`.execute(db)
      await sql`alter table ${t.audit} drop column txid`.execute(db)
    },
  }
}
