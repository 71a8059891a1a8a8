import { httpProblem } from './problem-response.js'
import { routeMiss } from './route-miss.js'

/**
 * A browser console the handler serves under a path of its own, checked before the API's routes:
 * `createConsole()` of `flag-experiments/console` is one. Kept to this shape so that the handler
 * carries no console code for hosts that do not mount one.
 */
export interface HttpConsole {
  /** Where it is served, without a trailing slash, e.g. `/console`. */
  readonly path: string
  /** The page or asset for `pathname`, for an API mounted at `apiBasePath`; `null` when there is none. */
  serve(pathname: string, apiBasePath: string): Response | null
}

/**
 * The console's answer to a request under its path (`GET` and `HEAD` only; anything else is
 * 405), a 404 for a path under it that names nothing, or `null` for a request that is not the
 * console's. The page and its assets need no authentication: the API calls they make do.
 */
export function consoleResponse(
  console: HttpConsole | undefined,
  request: Request,
  pathname: string,
  apiBasePath: string,
): Response | null {
  if (console === undefined) return null
  if (pathname !== console.path && !pathname.startsWith(`${console.path}/`)) return null
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return httpProblem('method_not_allowed', { allow: 'GET, HEAD' })
  return console.serve(pathname, apiBasePath) ?? routeMiss()
}
