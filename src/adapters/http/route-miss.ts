import { httpProblem } from './problem-response.js'

/** The 404 `not_found` responses of paths outside the handler's routes. */
const misses = new WeakSet<Response>()

/**
 * The 404 `not_found` problem of a path outside the handler's routes, marked as such, so that a
 * Node listener mounted in a framework can pass the request on to the routes after it instead.
 */
export function routeMiss(): Response {
  const response = httpProblem('not_found')
  misses.add(response)
  return response
}

/** `to`, marked as a route miss when `from` was one (for a response rebuilt from another). */
export function carryRouteMiss(from: Response, to: Response): Response {
  if (misses.has(from)) misses.add(to)
  return to
}

/**
 * Whether a handler's response says "no such route": a response of {@link routeMiss}, or any
 * 404 problem whose `code` is `not_found` (for a handler that rebuilt the response). A 404 about
 * an unknown environment or experiment is not one: that path is the API's.
 *
 * @example
 * ```ts
 * if (await isRouteMiss(response)) next() // Express: on to the host's routes
 * ```
 */
export async function isRouteMiss(response: Response): Promise<boolean> {
  if (misses.has(response)) return true
  if (response.status !== 404 || response.body === null) return false
  const type = response.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('application/problem+json')) return false
  try {
    const problem = (await response.clone().json()) as unknown
    return (
      typeof problem === 'object' && problem !== null && 'code' in problem && problem.code === 'not_found'
    )
  } catch {
    return false
  }
}
