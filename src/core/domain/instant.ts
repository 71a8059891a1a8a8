import { z } from 'zod'

/**
 * The instants the library accepts, from 1970-01-01T00:00:00Z up to, not including,
 * 2200-01-01T00:00:00Z: a range every store can hold exactly (Postgres `timestamptz` spans
 * 4713 BC to 294276 AD, a JavaScript `Date` ±273 790 years, ClickHouse `DateTime64(3)`
 * 1900-01-01 to 2299-12-31), so an instant that passes validation is never refused by a
 * database later. See docs/rules.md#instants.
 */
export const INSTANT_RANGE = {
  /** The earliest instant accepted (inclusive). */
  from: '1970-01-01T00:00:00.000Z',
  /** The first instant past the range (exclusive). */
  until: '2200-01-01T00:00:00.000Z',
} as const

const FROM = Date.parse(INSTANT_RANGE.from)
const UNTIL = Date.parse(INSTANT_RANGE.until)

/** What an instant out of {@link INSTANT_RANGE} is told. */
export const INSTANT_RANGE_MESSAGE =
  'Must be from 1970-01-01T00:00:00Z up to, not including, 2200-01-01T00:00:00Z.'

/** What text that is no ISO 8601 date-time with an offset is told. */
export const INSTANT_FORMAT_MESSAGE =
  'Must be an ISO 8601 date-time with its offset (Z or ±hh:mm), such as 2026-03-01T12:00:00Z.'

/**
 * Whether a time (epoch milliseconds, or a `Date`) is in {@link INSTANT_RANGE}; `NaN` and
 * invalid dates are not.
 *
 * @example
 * ```ts
 * isInstantInRange(new Date('2026-03-01T12:00:00Z')) // true
 * isInstantInRange(Date.parse('9999-12-31T23:59:59-14:00')) // false
 * ```
 */
export function isInstantInRange(time: Date | number): boolean {
  const ms = typeof time === 'number' ? time : time.getTime()
  return ms >= FROM && ms < UNTIL
}

/**
 * An instant a caller sends as text: an ISO 8601 date-time with its offset (`Z` or `±hh:mm`),
 * in {@link INSTANT_RANGE}, made a `Date`.
 */
export const InstantText = z.iso
  .datetime({ offset: true, error: INSTANT_FORMAT_MESSAGE, abort: true })
  .refine((value) => isInstantInRange(Date.parse(value)), {
    message: INSTANT_RANGE_MESSAGE,
  })
  .transform((value) => new Date(value))

/**
 * An instant a caller sends as text ({@link InstantText}) or, calling the service from code, as
 * a `Date`; either way in {@link INSTANT_RANGE}, made a fresh `Date`.
 */
export const Instant = z.union(
  [
    z
      .date({ error: INSTANT_FORMAT_MESSAGE })
      .refine(isInstantInRange, { message: INSTANT_RANGE_MESSAGE })
      .transform((value) => new Date(value.getTime())),
    InstantText,
  ],
  // Whichever branch the value took: out of range is said so, anything else is not an instant.
  {
    error: (issue) =>
      issue.code === 'invalid_union' &&
      issue.errors.flat().some((inner) => inner.message === INSTANT_RANGE_MESSAGE)
        ? INSTANT_RANGE_MESSAGE
        : INSTANT_FORMAT_MESSAGE,
  },
)
