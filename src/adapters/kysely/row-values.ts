import { type Actor } from '../../core/domain/experiment.js'
import { ACTOR_TYPES } from '../../core/domain/vocabulary.js'

/*
 * Rows come from the library's own SQL, so parsing checks each value cheaply, in place:
 * reads are the hot path and a list page parses fifty rows with their histories and metrics.
 */

/** A database row (or a JSON object inside one) as a driver hands it over. */
export type Row = Readonly<Record<string, unknown>>

const ACTORS = new Set<unknown>(ACTOR_TYPES)

/** Throws for a value a row of the library's own SQL cannot hold: a bug, never a caller's input. */
export function invalid(column: string, value: unknown): never {
  throw new TypeError(`flag-experiments: unexpected ${column} in a database row: ${describe(value)}`)
}

/** A short, safe description of an unexpected value (it may be anything a driver returns). */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
  if (value === null || typeof value !== 'object') return String(value)
  return value instanceof Date ? 'an invalid Date' : Array.isArray(value) ? 'an array' : 'an object'
}

/** A text column. */
export function textColumn(row: Row, column: string): string {
  const value = row[column]
  return typeof value === 'string' ? value : invalid(column, value)
}

/** A nullable text column. */
export function optionalTextColumn(row: Row, column: string): string | null {
  return row[column] === null ? null : textColumn(row, column)
}

/**
 * A timestamp. Drivers return `Date`s, JSON aggregates carry epoch milliseconds, and some hosts
 * turn off date parsing (ISO strings).
 */
export function timestamp(row: Row, column: string): Date {
  const value = row[column]
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? invalid(column, value) : value
  const parsed = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  return parsed !== undefined && !Number.isNaN(parsed.getTime()) ? parsed : invalid(column, value)
}

/** A nullable timestamp. */
export function optionalTimestamp(row: Row, column: string): Date | null {
  return row[column] === null ? null : timestamp(row, column)
}

/** A value from a fixed set (an enumeration of the core). */
export function oneOf<T>(allowed: ReadonlySet<unknown>, row: Row, column: string): T {
  const value = row[column]
  return allowed.has(value) ? (value as T) : invalid(column, value)
}

/** A number column: drivers hand `numeric` and `bigint` over as strings. */
export function numberColumn(row: Row, column: string): number {
  const value = row[column]
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
  return Number.isFinite(parsed) ? parsed : invalid(column, value)
}

/** A row version: an integer from 1. */
export function versionColumn(row: Row): number {
  const value = row.version
  const parsed =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,10}$/.test(value)
        ? Number(value)
        : NaN
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : invalid('version', value)
}

/** A JSON value some drivers hand over still encoded. */
export function json(row: Row, column: string): unknown {
  const value = row[column]
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return invalid(column, value)
  }
}

/** A JSON array of objects, each parsed by `item`. */
export function jsonArray<T>(row: Row, column: string, item: (value: Row) => T): T[] {
  const value = json(row, column)
  if (!Array.isArray(value)) return invalid(column, value)
  return value.map((element: unknown) =>
    typeof element === 'object' && element !== null ? item(element as Row) : invalid(column, element),
  )
}

/** An actor from its type and id columns. */
export function actor(row: Row, typeColumn: string, idColumn: string): Actor {
  return { type: oneOf<Actor['type']>(ACTORS, row, typeColumn), id: textColumn(row, idColumn) }
}
