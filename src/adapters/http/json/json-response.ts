/** A JSON response with the given status and extra headers. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}

/** The `ETag` of an experiment's or metric's version: a strong tag, `"<version>"`. */
export function etagOf(version: number): string {
  return `"${version}"`
}
