import type { AllowedMethod } from './route-definition.js'

/**
 * Cross-origin access for browsers (CORS), off unless given to `createHttpHandler`. Only the
 * listed origins get the `Access-Control-*` headers; a request from any other origin is served
 * as without the option, so the browser refuses to hand its answer to the page.
 */
export interface CorsOptions {
  /**
   * The origins allowed: one origin (`https://app.example.com`), a list, a predicate, or `'*'`
   * for any (answered as `Access-Control-Allow-Origin: *`, which browsers refuse for requests
   * with credentials: list the origins when `credentials` is set).
   */
  readonly origin: string | readonly string[] | ((origin: string) => boolean)
  /** Whether the browser may send cookies or HTTP authentication (`Access-Control-Allow-Credentials`). */
  readonly credentials?: boolean
  /** How many seconds a browser may cache a preflight answer (`Access-Control-Max-Age`). */
  readonly maxAge?: number
}

/** The request headers a client of the API sends besides the simple ones. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match, If-None-Match'

/** The response headers a page may read besides the simple ones. */
const EXPOSED_HEADERS = 'ETag, Location, Retry-After, WWW-Authenticate'

/** What the handler does about CORS: answer preflights, and mark the responses to allowed origins. */
export interface CorsPolicy {
  /**
   * The answer to a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) on
   * a resource offering `allow`: 204 with the allowed methods and headers, or `null` when it is
   * not a preflight from an allowed origin (the handler then answers 405 as usual).
   */
  preflight(request: Request, allow: readonly AllowedMethod[]): Response | null
  /** The response with the CORS headers its request's origin is entitled to. */
  decorate(request: Request, response: Response): Response
}

const NO_CORS: CorsPolicy = { preflight: () => null, decorate: (_request, response) => response }

/** Appends `Origin` to a response's `Vary`: whether the CORS headers are sent depends on it. */
function varyOnOrigin(headers: Headers): void {
  const vary = headers.get('vary')
  if (vary === null) headers.set('vary', 'Origin')
  else if (!/(^|,)\s*(origin|\*)\s*(,|$)/i.test(vary)) headers.set('vary', `${vary}, Origin`)
}

/**
 * The {@link CorsPolicy} of a handler: with no options, preflights stay 405 and no response
 * carries CORS headers.
 *
 * @example
 * ```ts
 * const cors = corsPolicy({ origin: ['https://app.example.com'], maxAge: 600 })
 * ```
 */
export function corsPolicy(options: CorsOptions | undefined): CorsPolicy {
  if (options === undefined) return NO_CORS
  const { origin: allowed, credentials = false, maxAge } = options
  const anyOrigin = allowed === '*'
  const isAllowed = (origin: string): boolean =>
    typeof allowed === 'function'
      ? allowed(origin) === true
      : typeof allowed === 'string'
        ? anyOrigin || allowed === origin
        : allowed.includes(origin)

  /** The origin headers for an allowed request origin, or `null`. */
  function originHeaders(request: Request): Headers | null {
    const origin = request.headers.get('origin')
    if (origin === null || !isAllowed(origin)) return null
    const headers = new Headers({ 'access-control-allow-origin': anyOrigin ? '*' : origin })
    if (credentials) headers.set('access-control-allow-credentials', 'true')
    return headers
  }

  return {
    preflight(request, allow) {
      if (request.method !== 'OPTIONS' || !request.headers.has('access-control-request-method')) return null
      const headers = originHeaders(request)
      if (headers === null) return null
      headers.set('access-control-allow-methods', allow.join(', '))
      headers.set('access-control-allow-headers', ALLOWED_HEADERS)
      if (maxAge !== undefined) headers.set('access-control-max-age', String(Math.max(0, Math.floor(maxAge))))
      varyOnOrigin(headers)
      return new Response(null, { status: 204, headers })
    },
    decorate(request, response) {
      const headers = new Headers(response.headers)
      const extra = originHeaders(request)
      if (extra !== null) {
        extra.forEach((value, name) => headers.set(name, value))
        headers.set('access-control-expose-headers', EXPOSED_HEADERS)
      }
      if (!anyOrigin) varyOnOrigin(headers)
      return new Response(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers,
      })
    },
  }
}
