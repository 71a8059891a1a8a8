import type { AuditEntry } from '../../core/domain/audit-entry.js'
import { encodeFeedCursor, type FeedPosition } from '../../core/domain/feed-cursor.js'
import type { AuditFeed } from '../../ports/audit-feed.js'
import type { AuditLog } from '../../ports/audit-log.js'

/** An in-memory {@link AuditLog} whose entries a test can read back, also an {@link AuditFeed}. */
export interface MemoryAuditLog extends AuditLog<void>, AuditFeed {
  /** Entries in the order they were appended, optionally of one subject (experiment or metric) only. */
  entries(subjectId?: string): AuditEntry[]
}

/** Creates an empty {@link MemoryAuditLog}. */
export function createMemoryAuditLog(): MemoryAuditLog {
  const stored: AuditEntry[] = []
  return {
    append: (entry) => {
      stored.push(structuredClone(entry))
      return Promise.resolve()
    },
    entries: (subjectId) =>
      stored
        .filter((entry) => subjectId === undefined || entry.subject.id === subjectId)
        .map((e) => structuredClone(e)),
    entriesSince: ({ after, limit }, options = {}) => {
      let position = firstUnread(after, stored.length)
      const entries: AuditEntry[] = []
      while (position < stored.length && entries.length < limit) {
        const entry = stored[position++] as AuditEntry
        const wanted =
          (options.environmentId === undefined || entry.environmentId === options.environmentId) &&
          (options.experimentId === undefined || entry.experimentId === options.experimentId)
        if (wanted) entries.push(structuredClone(entry))
      }
      return Promise.resolve({
        entries,
        nextCursor: encodeFeedCursor({ major: '0', minor: String(position) }),
      })
    },
  }
}

/**
 * The index of the first entry after `after` (null: the start). Entries are only ever appended,
 * so position (0, n) is "after the first n entries"; a position past the last entry, one of a
 * larger `major` (a database feed's) included, is the end.
 */
function firstUnread(after: FeedPosition | null, length: number): number {
  if (after === null) return 0
  return after.major === '0' ? Math.min(Number(after.minor), length) : length
}
