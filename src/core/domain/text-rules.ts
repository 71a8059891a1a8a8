import { z } from 'zod'

/**
 * The rules every text and id the library stores follows, in one place: text is valid Unicode
 * without NUL characters (what any database can store), lengths count code points, and ids are
 * UUIDs compared in lower case.
 */

/** A UUID in its canonical hexadecimal form, any case (an experiment's or a metric's id). */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

/** {@link UUID_PATTERN} as a whole-string expression. */
export const UUID_REGEX = new RegExp(`^${UUID_PATTERN}$`)

/** Whether a value is a UUID in its canonical hexadecimal form, any case. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_REGEX.test(value)
}

/** A UTF-16 surrogate half without its partner: no database can store it as text. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A trimmed string of `min..max` characters (Unicode code points) that any database can store. */
export function trimmedText(min: number, max: number) {
  return z
    .string()
    .trim()
    .refine(isStorableText, {
      message: 'Must be valid Unicode text without NUL characters.',
    })
    .refine((value) => codePoints(value) >= min, { message: `Must not be empty.` })
    .refine((value) => codePoints(value) <= max, { message: `Must be at most ${max} characters.` })
    .meta({ minLength: min, maxLength: max })
}

/** How many Unicode code points the text has (what the length limits count). */
export function codePoints(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

/** Whether the text has no NUL character (which Postgres text cannot hold). */
export function hasNoNul(value: string): boolean {
  return !value.includes('\u0000')
}

/** Whether any database can store the text: no NUL character, no lone surrogate half. */
export function isStorableText(value: string): boolean {
  return hasNoNul(value) && !LONE_SURROGATE.test(value)
}
