/** The headers a 304 keeps from the 200 it stands for. */
const KEPT_HEADERS = ['etag', 'cache-control', 'content-location', 'date', 'expires', 'vary'] as const

/** The opaque part of an entity tag (`W/"3"` and `"3"` both give `"3"`); `null` if it is not one. */
function opaqueTag(tag: string): string | null {
  const match = /^(?:W\/)?("[^"]*")$/.exec(tag.trim())
  return match?.[1] ?? null
}

/**
 * Whether an `If-None-Match` field matches an `ETag`: `*` matches any, otherwise one of the
 * listed tags must match by weak comparison (the `W/` prefix is ignored on both sides).
 */
export function ifNoneMatchMatches(field: string, etag: string): boolean {
  if (field.trim() === '*') return true
  const current = opaqueTag(etag)
  if (current === null) return false
  const listed = field.match(/(?:W\/)?"[^"]*"/g) ?? []
  return listed.some((tag) => opaqueTag(tag) === current)
}

/**
 * The answer to a conditional `GET` or `HEAD`: when the request's `If-None-Match` matches the
 * `ETag` of a 200 response, a 304 without a body (keeping `ETag` and the caching headers), so a
 * client revalidating its copy of an experiment gets no body back. Any other response is
 * returned as it is; responses without an `ETag` (lists, history) are never turned into 304s.
 *
 * @example
 * ```ts
 * // GET …/experiments/{id}/ with If-None-Match: "3" while the experiment is at version 3
 * notModified(request, response).status // 304
 * ```
 */
export function notModified(request: Request, response: Response): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') return response
  const field = request.headers.get('if-none-match')
  const etag = response.headers.get('etag')
  if (response.status !== 200 || field === null || etag === null || !ifNoneMatchMatches(field, etag))
    return response
  response.body?.cancel().catch(() => undefined)
  const headers = new Headers()
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name)
    if (value !== null) headers.set(name, value)
  }
  return new Response(null, { status: 304, headers })
}
