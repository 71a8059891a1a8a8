/** What the API answered: its status and its JSON body (a problem's too), `null` without one. */
export interface ApiAnswer<T> {
  readonly status: number
  readonly body: T
  readonly etag: string | null
}

/** A problem+json body, as the API describes every refusal. */
export interface Problem {
  readonly code?: string
  readonly title?: string
  readonly detail?: string
  readonly issues?: readonly { readonly path: string; readonly message: string }[]
}

const TOKEN_KEY = 'flag-experiments-console-token'

/** The bearer token the user pasted, kept for this tab only; `null` to rely on the host's cookie. */
export function savedToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

/** Keeps (or, with `null` or `''`, forgets) the token for this tab. */
export function saveToken(token: string | null): void {
  if (token === null || token === '') sessionStorage.removeItem(TOKEN_KEY)
  else sessionStorage.setItem(TOKEN_KEY, token)
}

/** Options of one call. */
export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly json?: unknown
  /** The version the change was decided on, sent as `If-Match`. */
  readonly version?: number
}

/**
 * Calls the library's own API under `base` (same origin only), with the pasted token as a bearer
 * or else the host's cookie; resolves to the status and body, whatever the status.
 */
export async function call<T>(base: string, path: string, options: CallOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = savedToken()
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (options.json !== undefined) headers['content-type'] = 'application/json'
  if (options.version !== undefined) headers['if-match'] = `"${options.version}"`
  const response = await fetch(`${base}/${path}`, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: options.json === undefined ? null : JSON.stringify(options.json),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: (text === '' ? null : JSON.parse(text)) as T,
    etag: response.headers.get('etag'),
  }
}

/** The sentence to show for a refusal: the problem's detail and issues, or its status. */
export function problemText(answer: ApiAnswer<unknown>): string {
  const problem = (answer.body ?? {}) as Problem
  const issues = (problem.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`)
  const head = problem.detail ?? problem.title ?? `The server answered ${answer.status}.`
  return [head, ...issues].join(' ')
}

/** A page's read the API refused: its status (401: sign in again) and what the problem says. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The answer's body when it has the expected status; otherwise throws its {@link ApiRefusal}. */
export function expectStatus<T>(answer: ApiAnswer<T>, expected = 200): T {
  if (answer.status !== expected) throw new ApiRefusal(answer.status, problemText(answer))
  return answer.body
}
