import type { IncomingMessage } from 'node:http'
import { MAX_BODY_BYTES, UNREADABLE_BODY_DETAIL } from './request-body.js'

/** A `node:http` request as a framework may leave it: a body parser stores what it parsed in `body`. */
type ParsedRequest = IncomingMessage & { body?: unknown }

/**
 * Whether the rest of a body the handler did not read can be left to `node:http` to discard,
 * keeping the connection open: only a declared `Content-Length` of at most 64 KiB. A larger or
 * unannounced (chunked) upload is cut off by closing the connection after the answer instead.
 */
export function drainsCheaply(request: IncomingMessage): boolean {
  const declared = request.headers['content-length']
  return declared !== undefined && /^\d+$/.test(declared) && Number(declared) <= MAX_BODY_BYTES
}

/** What a client is told when its body was read before the handler and nothing usable was left. */
export const BODY_CONSUMED_DETAIL =
  'The request body was already read by a body parser mounted before this handler, which left no ' +
  'req.body the handler can use: mount the handler before the body parser.'

/** The bytes a body parser's result stands for: raw bytes and text as they are, values as JSON. */
function bytesOf(parsed: unknown): Uint8Array<ArrayBuffer> | null {
  if (parsed instanceof Uint8Array) return new Uint8Array(parsed)
  if (typeof parsed === 'string') return new TextEncoder().encode(parsed)
  if (parsed === undefined) return null
  let json: string | undefined
  try {
    json = JSON.stringify(parsed)
  } catch {
    return null // a circular or BigInt-holding value cannot stand for a JSON body
  }
  return json === undefined ? null : new TextEncoder().encode(json)
}

/** A body stream that fails at once, with the detail the handler sends to the client. */
function unreadableBody(detail: string): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(Object.assign(new Error(detail), { [UNREADABLE_BODY_DETAIL]: detail }))
    },
  })
}

/**
 * The body of a request whose stream something before the listener already read to its end
 * (Express's `express.json()`, `express.text()`, `express.raw()`, …), or `null` when the stream
 * is unread and can be passed on as it is.
 *
 * The parsed `req.body` is used: a string or a `Buffer` as its bytes, any other value
 * serialized back to JSON. `Content-Length` is set to that size (so the handler's body limit
 * still applies) and `Content-Encoding` dropped (a parser has decoded it); `Content-Type` is
 * kept, so a form that `express.urlencoded()` parsed is still refused as not JSON. When the
 * stream was read and nothing usable was left, the body fails to read and the handler answers
 * 400 `malformed_json` with {@link BODY_CONSUMED_DETAIL}.
 *
 * @example
 * ```ts
 * // behind app.use(express.json()), req.body = { feature: 1, … } and the stream is drained
 * consumedBodyInit(req, headers) // { body: <the JSON bytes of req.body> }
 * ```
 */
export function consumedBodyInit(
  request: ParsedRequest,
  headers: Headers,
): (RequestInit & { duplex?: 'half' }) | null {
  if (!request.readableEnded) return null
  const bytes = bytesOf(request.body)
  headers.delete('transfer-encoding')
  headers.delete('content-encoding')
  if (bytes === null) {
    headers.delete('content-length')
    return { body: unreadableBody(BODY_CONSUMED_DETAIL), duplex: 'half' }
  }
  headers.set('content-length', String(bytes.byteLength))
  return { body: bytes }
}
