import type { AuditFeedRead } from '../core/domain/feed-cursor.js'

export type { AuditFeedError, AuditFeedPage, AuditFeedRead } from '../core/domain/feed-cursor.js'

/** Options of {@link AuditFeed.entriesSince}. */
export interface AuditFeedOptions {
  /** Only the entries of this environment (its id). */
  readonly environmentId?: string
  /** Only the entries about this experiment (its id); metric entries name no experiment. */
  readonly experimentId?: string
}

/**
 * The audit entries as an ordered, resumable feed, for hosts that react to changes (a webhook,
 * a notification). A reader keeps the last `nextCursor` and calls again from it; an entry is
 * never skipped, so a reader that stores the cursor after handling a page delivers every entry
 * at least once, and uses the entry's `id` to recognise a repeat.
 *
 * @example
 * ```ts
 * const page = await auditLog.entriesSince(cursor, 100, { environmentId })
 * if (page.isOk()) { await deliver(page.value.entries); cursor = page.value.nextCursor }
 * ```
 */
export interface AuditFeed {
  /** The entries after `cursor` (from the start when null), at most `limit` (1 to 1000). */
  entriesSince(cursor: string | null, limit: number, options?: AuditFeedOptions): AuditFeedRead
}
