import type { AuditFeedPage, AuditFeedRequest } from '../core/domain/feed-cursor.js'

export type { AuditFeedPage, AuditFeedRequest, FeedPosition } from '../core/domain/feed-cursor.js'

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
 * A feed is handed a request already checked by `parseAuditFeedInput` (the service does it for
 * its audit reads): it validates nothing again and refuses nothing.
 *
 * @example
 * ```ts
 * const request = parseAuditFeedInput({ cursor: storedCursor ?? undefined, limit: 100 })
 * if (request.isOk()) {
 *   const page = await auditLog.entriesSince(request.value, { environmentId })
 *   await deliver(page.entries)
 *   storedCursor = page.nextCursor
 * }
 * ```
 */
export interface AuditFeed {
  /** The entries after `request.after` (from the start when null), at most `request.limit`. */
  entriesSince(request: AuditFeedRequest, options?: AuditFeedOptions): Promise<AuditFeedPage>
}
