import { err, ok, type Result } from 'neverthrow'
import { httpProblem } from './problem-response.js'

/**
 * The largest request body accepted by default, in bytes (64 KiB); a larger one is refused with
 * 413. A handler's `maxBodyBytes` option sets another limit.
 */
export const MAX_BODY_BYTES = 64 * 1024

/**
 * The body limit of the two ingestion endpoints (exposures and events), in bytes (1 MiB): a
 * batch of up to 1000 items fits. A handler whose `maxBodyBytes` is larger uses that instead.
 */
export const INGEST_BODY_BYTES = 1024 * 1024

/**
 * The key under which an error a request body stream fails with carries the detail to send to
 * the client (e.g. that a body parser mounted before the handler already read the body).
 */
export const UNREADABLE_BODY_DETAIL = Symbol('flag-experiments.unreadableBodyDetail')

/** The detail an error of a body stream carries under {@link UNREADABLE_BODY_DETAIL}, if any. */
function detailOf(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null || !(UNREADABLE_BODY_DETAIL in cause)) return undefined
  const detail = cause[UNREADABLE_BODY_DETAIL]
  return typeof detail === 'string' ? detail : undefined
}

/** `65536` → `64 KiB`, `1000` → `1000 bytes`: a limit as a problem detail states it. */
function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`
}

/** The 413 problem for a body over `limit` bytes. */
function tooLarge(limit: number): Response {
  return httpProblem('payload_too_large', {}, `The request body is larger than ${describeBytes(limit)}.`)
}

/** Whether a `Content-Type` names JSON (`application/json` or `application/*+json`) in UTF-8. */
function isJsonContentType(header: string | null): boolean {
  if (header === null) return false
  const [mediaType = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase())
  if (mediaType !== 'application/json' && !/^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType))
    return false
  return parameters.every(
    (parameter) => !parameter.startsWith('charset=') || /^charset="?utf-?8"?$/.test(parameter),
  )
}

/**
 * Reads a body chunk by chunk, giving up as soon as it grows past `limit` bytes (the rest is
 * never read); `null` when it is too large.
 */
async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** Discards a body that will not be read, so that its source can be released. */
async function discard(request: Request): Promise<void> {
  await request.body?.cancel().catch(() => undefined)
}

/**
 * Reads a request's JSON body: 415 unless it is declared as JSON, 413 past `limit` bytes
 * (64 KiB unless given; checked against `Content-Length` first, then while reading), 400
 * `malformed_json` when it is empty, not UTF-8, not JSON, or cannot be read. The error is the
 * ready problem response.
 */
export async function readJsonBody(
  request: Request,
  limit: number = MAX_BODY_BYTES,
): Promise<Result<unknown, Response>> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    await discard(request)
    return err(httpProblem('unsupported_media_type'))
  }
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > limit) {
    await discard(request)
    return err(tooLarge(limit))
  }
  let bytes: Uint8Array | null
  try {
    bytes = request.body === null ? new Uint8Array(0) : await readLimited(request.body, limit)
  } catch (cause) {
    // Usually the client went away mid-upload: nobody will read the answer, and it is not our bug.
    const detail = detailOf(cause) ?? 'The request body could not be read to its end.'
    return err(httpProblem('malformed_json', {}, detail))
  }
  if (bytes === null) return err(tooLarge(limit))
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return err(httpProblem('malformed_json', {}, 'The request body is not valid UTF-8.'))
  }
  if (text.trim() === '')
    return err(httpProblem('malformed_json', {}, 'The request body is empty: send a JSON object.'))
  try {
    return ok(JSON.parse(text) as unknown)
  } catch (cause) {
    const reason = cause instanceof SyntaxError ? `: ${cause.message}` : '.'
    return err(httpProblem('malformed_json', {}, `The request body is not valid JSON${reason}`))
  }
}
