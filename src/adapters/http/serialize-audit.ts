import type { AuditEntry, AuditValue } from '../../core/domain/audit-entry.js'
import type { AuditFeedPage } from '../../core/domain/feed-cursor.js'
import type { AuditEntryJson, AuditFeedJson } from './response-schemas.js'

/** `startedAt` → `started_at`: the JSON name of a field an audit diff names. */
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** A diff value with its object keys in snake_case, as every other JSON body names fields. */
function snakeKeys(value: AuditValue): AuditValue {
  if (Array.isArray(value)) return value.map(snakeKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), snakeKeys(inner)]))
}

/** Serializes an audit entry: snake_case, its stable `id`, the time of the change as `created_at`. */
export function toAuditEntryJson(entry: AuditEntry): AuditEntryJson {
  return {
    id: entry.id,
    subject: { type: entry.subject.type, id: entry.subject.id },
    action: entry.action,
    actor: { type: entry.actor.type, id: entry.actor.id },
    message: entry.message,
    changes: Object.fromEntries(
      Object.entries(entry.changes).map(([field, { from, to }]) => [
        snakeCase(field),
        { from: snakeKeys(from), to: snakeKeys(to) },
      ]),
    ),
    created_at: entry.at.toISOString(),
  }
}

/** Serializes a page of an audit feed: entries oldest first, and where to resume (never null). */
export function toAuditFeedJson(page: AuditFeedPage): AuditFeedJson {
  return { results: page.entries.map(toAuditEntryJson), next_cursor: page.nextCursor }
}
