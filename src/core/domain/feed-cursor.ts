import { err, ok, type Result } from 'neverthrow'
import type { AuditEntry } from './audit-entry.js'

/**
 * A position in an audit feed: two non-negative integers, in decimal, compared as a pair. A
 * database feed uses (transaction id, sequence number), so `major` is at most 2^64 − 1 and
 * `minor` at most 2^63 − 1; the in-memory feed uses (0, entries read).
 */
export interface FeedPosition {
  readonly major: string
  readonly minor: string
}

/** The position before every entry: where a reader without a cursor starts. */
export const FEED_START: FeedPosition = { major: '0', minor: '0' }

const PREFIX = 'f1'
const DECIMAL = /^(0|[1-9]\d{0,19})$/
/** The largest transaction id a database feed stores (Postgres `xid8`: an unsigned 64-bit integer). */
const MAX_MAJOR = 2n ** 64n - 1n
/** The largest sequence number a database feed stores (Postgres `bigint`: a signed 64-bit integer). */
const MAX_MINOR = 2n ** 63n - 1n

/** Whether `text` is a decimal integer from 0 to `max`. */
function decimalUpTo(text: string | undefined, max: bigint): text is string {
  return text !== undefined && DECIMAL.test(text) && BigInt(text) <= max
}

/** Encodes a feed position as an opaque, URL-safe cursor (base64url, no padding). */
export function encodeFeedCursor(position: FeedPosition): string {
  const raw = `${PREFIX}:${position.major}:${position.minor}`
  return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decodes a cursor made by {@link encodeFeedCursor}; anything else is refused. */
export function decodeFeedCursor(cursor: string): Result<FeedPosition, 'invalid_cursor'> {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(cursor) || cursor.length % 4 === 1) return err('invalid_cursor')
  const [prefix, major, minor, ...rest] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split(':')
  // Positions past what a feed can store were never handed out: refused here, not by the database.
  const valid =
    prefix === PREFIX && rest.length === 0 && decimalUpTo(major, MAX_MAJOR) && decimalUpTo(minor, MAX_MINOR)
  return valid ? ok({ major, minor }) : err('invalid_cursor')
}

/** The most entries one read of an audit feed returns. */
export const AUDIT_FEED_MAX_LIMIT = 1000

/**
 * An audit feed read as the service hands it to a feed, already checked: the position to read
 * after (null: from the start) and how many entries at most (1 to {@link AUDIT_FEED_MAX_LIMIT}).
 */
export interface AuditFeedRequest {
  /** The position of the last entry the reader has (from a cursor); null to read from the start. */
  readonly after: FeedPosition | null
  /** The most entries to return, an integer from 1 to {@link AUDIT_FEED_MAX_LIMIT}. */
  readonly limit: number
}

/** One page of an audit feed. */
export interface AuditFeedPage {
  /** The entries after the cursor, oldest first; each keeps its stable `id`. */
  readonly entries: AuditEntry[]
  /** Where to resume: never null, the same position again when there was nothing new. */
  readonly nextCursor: string
}
