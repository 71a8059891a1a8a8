import { sql, type RawBuilder } from 'kysely'

/**
 * The body of an SQL `in (…)` list of string literals, from one of the core's enumerations.
 * A shipped migration must not change: when an enumeration grows, a new migration widens the
 * check (test/kysely/migration-schema.test.ts pins what each migration creates).
 *
 * @example
 * ```ts
 * sql`check (status in (${checkList(EXPERIMENT_STATUSES)}))`
 * ```
 */
export function checkList(values: readonly string[]): RawBuilder<unknown> {
  return sql.raw(values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', '))
}
