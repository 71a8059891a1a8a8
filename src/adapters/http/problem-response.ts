import type { ExperimentError } from '../../core/domain/errors.js'
import { PROBLEMS, problemType, type HttpErrorCode, type ProblemCode } from './problem-json.js'

/** How many seconds a client is told to wait after a 503 (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 1

const DEFAULT_DETAIL: Readonly<Record<HttpErrorCode, string>> = {
  malformed_json: 'The request body is not valid JSON.',
  unauthenticated: 'Missing or unknown credentials.',
  not_found: 'No such resource.',
  method_not_allowed: 'This method is not allowed on this resource.',
  payload_too_large: 'The request body is larger than 64 KiB.',
  unsupported_media_type: 'Send the request body as JSON with Content-Type: application/json.',
  internal_error: 'Something went wrong on our side.',
}

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Builds an `application/problem+json` response for a `code`, with snake_case details. */
export function problemResponse(
  code: ProblemCode,
  detail: string,
  details: Readonly<Record<string, unknown>> = {},
  headers: Readonly<Record<string, string>> = {},
): Response {
  const { status, title } = PROBLEMS[code]
  const body = { type: problemType(code), title, status, detail, code, ...details }
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  })
}

/** The problem response of a failure the HTTP layer detects itself, with its default detail. */
export function httpProblem(
  code: HttpErrorCode,
  headers: Readonly<Record<string, string>> = {},
  detail: string = DEFAULT_DETAIL[code],
): Response {
  return problemResponse(code, detail, {}, headers)
}

/**
 * The problem response of an {@link ExperimentError}: its `message` becomes `detail`, its other
 * fields become snake_case details. A `cause` is never sent; `unavailable` adds `Retry-After`.
 */
export function errorResponse(error: ExperimentError): Response {
  const { code, message, ...rest } = error
  const details = Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => key !== 'cause')
      .map(([key, value]) => [snakeCase(key), value]),
  )
  const headers: Record<string, string> =
    code === 'unavailable' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}
  return problemResponse(code, message, details, headers)
}
