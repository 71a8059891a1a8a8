import { err, ok, type Result } from 'neverthrow'
import type { ValidationIssue } from '../../core/domain/errors.js'
import { ExperimentVersion } from '../../core/domain/experiment.js'

/**
 * Turns a list's query string into the input of a list operation (`ExperimentService.list`,
 * `listMetrics`), leaving validation to the core's strict schema (after the permission check):
 * the `multiValued` parameters (the experiments' `status`) may repeat and may be comma-separated
 * (empty items are dropped); `limit` becomes a number only when it is a plain decimal integer,
 * so `1e2`, `2.0` or ` 5` are refused; `deleted` becomes a boolean only when it is exactly
 * `true` or `false`; a repeated single-valued parameter stays an array and is
 * refused; unknown parameters are passed on and refused.
 */
export function listInputOf(
  params: URLSearchParams,
  multiValued: readonly string[],
): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const key of new Set(params.keys())) {
    // defineProperty, not assignment: `?__proto__=` must become a key the schema refuses,
    // not the object's prototype.
    Object.defineProperty(query, key, {
      value: multiValued.includes(key) ? listValue(params.getAll(key)) : queryValue(key, params.getAll(key)),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return query
}

function listValue(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

function queryValue(key: string, values: string[]): unknown {
  if (values.length !== 1) return values
  if (key === 'limit') return /^\d{1,9}$/.test(values[0] ?? '') ? Number(values[0]) : values[0]
  if (key === 'deleted' && (values[0] === 'true' || values[0] === 'false')) return values[0] === 'true'
  return values[0]
}

/** One issue per parameter of `params` that is not among `known`, saying what was expected. */
function unknownParameters(params: URLSearchParams, known: readonly string[]): ValidationIssue[] {
  const expected =
    known.length === 0 ? 'remove it' : `remove it or use ${known.slice(0, -1).join(', ')} or ${known.at(-1)}`
  return [...new Set(params.keys())]
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: key, message: `${key} is not a query parameter of this operation; ${expected}.` }))
}

/** Refuses every query parameter an operation does not define (`known`), naming those it does. */
export function onlyQueryParameters(
  params: URLSearchParams,
  known: readonly string[],
): Result<void, ValidationIssue[]> {
  const unknown = unknownParameters(params, known)
  return unknown.length === 0 ? ok(undefined) : err(unknown)
}

const STRONG_ETAG = /^"(\d{1,10})"$/

/**
 * Reads `If-Match` as an expected version: absent or `*` → none; one strong ETag `"<n>"` as
 * sent in `ETag` → n. Anything else (a weak tag, a list, garbage) is refused with 400.
 */
export function parseIfMatch(header: string | null): Result<number | undefined, ValidationIssue[]> {
  if (header === null || header.trim() === '*') return ok(undefined)
  const match = STRONG_ETAG.exec(header.trim())
  const version = ExperimentVersion.safeParse(match === null ? NaN : Number(match[1]))
  if (version.success) return ok(version.data)
  return err([
    {
      path: 'If-Match',
      message: 'If-Match must be * or a single strong ETag exactly as sent in the ETag header, such as "3".',
    },
  ])
}
