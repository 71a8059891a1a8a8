import { ok, type Result } from 'neverthrow'
import { z } from 'zod'
import { errors, type ExperimentError } from './errors.js'
import {
  AUDIT_FEED_MAX_LIMIT,
  decodeFeedCursor,
  type AuditFeedRequest,
  type FeedPosition,
} from './feed-cursor.js'
import { parseInput } from './schemas.js'

/** How many entries one read of an audit feed returns when the caller does not say. */
export const AUDIT_FEED_DEFAULT_LIMIT = 100

/** What each audit feed parameter expects, in one sentence that names it. */
export const AUDIT_FEED_MESSAGES = {
  limit: `limit must be an integer from 1 to ${AUDIT_FEED_MAX_LIMIT}`,
  cursor:
    'cursor is not a cursor of this audit feed; pass the next_cursor of a previous page, or none to start',
} as const

/**
 * Where to read an audit feed from and how much: `cursor` (the `nextCursor` of a previous page;
 * none from the start) and `limit` (1 to 1000, default 100).
 */
export const AuditFeedInput = z.strictObject({
  /** The `nextCursor` of a previous page; absent to read from the start. */
  cursor: z
    .string({ error: AUDIT_FEED_MESSAGES.cursor })
    .max(512, { error: AUDIT_FEED_MESSAGES.cursor })
    .optional(),
  /** Page size, 1..1000. */
  limit: z
    .number({ error: AUDIT_FEED_MESSAGES.limit })
    .int({ error: AUDIT_FEED_MESSAGES.limit })
    .min(1, { error: AUDIT_FEED_MESSAGES.limit })
    .max(AUDIT_FEED_MAX_LIMIT, { error: AUDIT_FEED_MESSAGES.limit })
    .default(AUDIT_FEED_DEFAULT_LIMIT),
})
/** Where to read an audit feed from and how much. */
export type AuditFeedInput = z.input<typeof AuditFeedInput>

/** The position a cursor stands for (none: from the start), or `validation_failed` naming `cursor`. */
function positionOf(cursor: string | undefined): Result<FeedPosition | null, ExperimentError> {
  if (cursor === undefined) return ok(null)
  return decodeFeedCursor(cursor).mapErr(() =>
    errors.validationFailed([{ path: 'cursor', message: AUDIT_FEED_MESSAGES.cursor }]),
  )
}

/**
 * Checks an audit feed read once, for every feed: the limit an integer from 1 to 1000 (default
 * 100), the cursor a `nextCursor` some feed made, decoded to its position. A forged cursor,
 * one that decodes to a position past what a database feed stores included, is
 * `validation_failed` naming `cursor`; a bad limit names `limit`. A feed is handed only what
 * passed, and checks nothing again.
 *
 * @example
 * ```ts
 * const request = parseAuditFeedInput({ cursor: storedCursor ?? undefined, limit: 100 })
 * if (request.isOk()) {
 *   const page = await auditLog.entriesSince(request.value, { environmentId })
 * }
 * ```
 */
export function parseAuditFeedInput(
  input: AuditFeedInput | undefined,
): Result<AuditFeedRequest, ExperimentError> {
  return parseInput(AuditFeedInput, input ?? {}).andThen(({ cursor, limit }) =>
    positionOf(cursor).map((after) => ({ after, limit })),
  )
}
