import { err, ok, type Result } from 'neverthrow'
import { httpProblem } from './problem-response.js'

/** The largest request body accepted, in bytes (64 KiB); a larger one is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024

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
 * Reads a body chunk by chunk, giving up as soon as it grows past {@link MAX_BODY_BYTES}
 * (the rest is never read); `null` when it is too large.
 */
async function readLimited(body: ReadableStream<Uint8Array>): Promise<Uint8Array | null> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
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
 * Reads a request's JSON body: 415 unless it is declared as JSON, 413 past 64 KiB (checked
 * against `Content-Length` first, then while reading), 400 `malformed_json` when it is empty,
 * not UTF-8 or not JSON. The error is the ready problem response.
 */
export async function readJsonBody(request: Request): Promise<Result<unknown, Response>> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    await discard(request)
    return err(httpProblem('unsupported_media_type'))
  }
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > MAX_BODY_BYTES) {
    await discard(request)
    return err(httpProblem('payload_too_large'))
  }
  let bytes: Uint8Array | null
  try {
    bytes = request.body === null ? new Uint8Array(0) : await readLimited(request.body)
  } catch {
    // The client went away mid-upload: nobody will read the answer, and it is not our bug.
    return err(httpProblem('malformed_json', {}, 'The request body could not be read to its end.'))
  }
  if (bytes === null) return err(httpProblem('payload_too_large'))
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
