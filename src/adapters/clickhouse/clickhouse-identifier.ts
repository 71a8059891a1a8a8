/**
 * What an identifier (database, table, column) may be: a letter or `_`, then letters, digits and
 * `_`, at most 127 characters. Anything else is refused before any SQL is written.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,126}$/

/**
 * One identifier, checked against {@link IDENTIFIER_PATTERN} and back-quoted; throws a
 * `RangeError` naming `what` otherwise (a host's configuration mistake, found when the adapter is
 * created).
 *
 * @example
 * ```ts
 * quoteIdentifier('events', 'sources.events.table') // '`events`'
 * ```
 */
export function quoteIdentifier(name: string, what: string): string {
  if (!IDENTIFIER_PATTERN.test(name)) {
    throw new RangeError(
      `flag-experiments: ${what} must be an identifier (${String(IDENTIFIER_PATTERN)}), got ${JSON.stringify(name)}`,
    )
  }
  return `\`${name}\``
}

/**
 * A table reference: `table` or `database.table`, each part checked and quoted; a bare table is
 * looked up in `database`.
 *
 * @example
 * ```ts
 * quoteTable('analytics.events', 'flag', 'sources.events.table') // '`analytics`.`events`'
 * ```
 */
export function quoteTable(reference: string, database: string, what: string): string {
  const parts = reference.split('.')
  if (parts.length > 2) throw new RangeError(`flag-experiments: ${what} must be table or database.table`)
  const [first = '', second] = parts
  return second === undefined
    ? `${quoteIdentifier(database, 'database')}.${quoteIdentifier(first, what)}`
    : `${quoteIdentifier(first, what)}.${quoteIdentifier(second, what)}`
}
