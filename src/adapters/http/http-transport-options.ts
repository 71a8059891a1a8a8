import type { CorsOptions } from './cors.js'
import { MAX_BODY_BYTES } from './request-body.js'

/** Options of `createHttpHandler` about the transport rather than the API: cross-origin access, body size. */
export interface HttpTransportOptions {
  /** Cross-origin access for browser clients; off by default (a preflight `OPTIONS` is then 405). */
  readonly cors?: CorsOptions
  /**
   * The largest request body accepted, in bytes (a positive integer); a larger one is 413
   * `payload_too_large`, refused as soon as it is declared or read past the limit. Defaults to
   * {@link MAX_BODY_BYTES} (64 KiB). An operation with a limit of its own keeps it when it is
   * larger: the exposures and events batches accept `INGEST_BODY_BYTES` (1 MiB), or this
   * limit if it is larger still.
   */
  readonly maxBodyBytes?: number
}

/**
 * The body limit of a handler: `maxBodyBytes`, or 64 KiB when it is not given. Throws a
 * `RangeError` for a value that is not a positive safe integer, when the handler is created:
 * that is a mistake in the host's configuration, not something a request can cause.
 */
export function bodyLimitOf(maxBodyBytes: number | undefined): number {
  if (maxBodyBytes === undefined) return MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0)
    throw new RangeError(
      `flag-experiments: maxBodyBytes must be a positive integer number of bytes, got ${String(maxBodyBytes)}`,
    )
  return maxBodyBytes
}
