import { z } from 'zod'
import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  type AuditEntry,
  type AuditValue,
} from '../../../core/domain/audit-entry.js'
import { ACTOR_TYPES } from '../../../core/domain/experiment.js'
import type { AuditFeedPage } from '../../../core/domain/feed-cursor.js'
import { Timestamp } from './json-fields.js'
import type { Representation } from './representation.js'

/** One audit entry: a persisted change of an experiment or a metric. */
export const AuditEntryJson = z
  .strictObject({
    id: z.guid().describe('Stable: the same entry has the same id on every read (use it to spot a repeat).'),
    subject: z
      .strictObject({ type: z.enum(AUDIT_SUBJECT_TYPES), id: z.guid() })
      .describe('The experiment or metric changed.'),
    action: z.enum(AUDIT_ACTIONS),
    actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }).describe('Who made the change.'),
    message: z.string().describe('Human-readable; do not parse it.'),
    changes: z
      .record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() }))
      .describe('Each changed field (snake_case) with its value before and after; dates as ISO 8601.'),
    created_at: Timestamp.describe('When the change was made.'),
  })
  .meta({ title: 'AuditEntry' })
/** An audit entry as the HTTP API returns it. */
export type AuditEntryJson = z.output<typeof AuditEntryJson>

/** A page of an audit feed. */
export const AuditFeedJson = z
  .strictObject({
    results: z.array(AuditEntryJson).describe('Oldest first (newest last), after the cursor.'),
    next_cursor: z
      .string()
      .describe(
        'Where to resume, never null: pass it as `cursor` to read what comes next; on an empty page, the cursor that was sent (or the start of the feed).',
      ),
  })
  .meta({ title: 'AuditFeed' })
/** A page of an audit feed as the HTTP API returns it. */
export type AuditFeedJson = z.output<typeof AuditFeedJson>

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

/** A page of an audit feed on the wire. */
export const AUDIT_FEED: Representation<AuditFeedPage> = {
  name: 'AuditFeed',
  schema: AuditFeedJson,
  parts: { AuditEntry: AuditEntryJson },
  toJson: toAuditFeedJson,
}
