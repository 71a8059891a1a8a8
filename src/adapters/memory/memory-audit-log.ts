import { errAsync, okAsync } from 'neverthrow'
import type { AuditEntry } from '../../core/domain/audit-entry.js'
import { encodeFeedCursor, parseFeedRequest } from '../../core/domain/feed-cursor.js'
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
    // Entries are only ever appended, so a position is the number of entries already passed.
    entriesSince: (cursor, limit, options = {}) => {
      const request = parseFeedRequest(cursor, limit)
      if (request.isErr()) return errAsync(request.error)
      if (request.value.major !== '0') return errAsync({ code: 'invalid_cursor' } as const)
      let position = Math.min(Number(request.value.minor), stored.length)
      const entries: AuditEntry[] = []
      while (position < stored.length && entries.length < limit) {
        const entry = stored[position++] as AuditEntry
        const wanted =
          (options.environmentId === undefined || entry.environmentId === options.environmentId) &&
          (options.experimentId === undefined || entry.experimentId === options.experimentId)
        if (wanted) entries.push(structuredClone(entry))
      }
      return okAsync({ entries, nextCursor: encodeFeedCursor({ major: '0', minor: String(position) }) })
    },
  }
}
