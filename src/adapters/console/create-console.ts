import { CONSOLE_ASSETS_VERSION, CONSOLE_SCRIPT, CONSOLE_STYLE } from './console-assets.js'

/** Options of {@link createConsole}. */
export interface ConsoleOptions {
  /** Where the console is served, e.g. `/console` (the default); outside the API's base path. */
  readonly path?: string
}

/**
 * A results console the HTTP handler serves under its own path, before routing: hand it to
 * `createHttpHandler`'s `console` option. `serve` answers a `GET` or `HEAD` below `path` with
 * its page or one of its assets, and `null` for any other path (the handler's 404).
 */
export interface WebConsole {
  /** Where it is served, normalized: `/console`, no trailing slash. */
  readonly path: string
  /** The page or asset for `pathname`, for an API mounted at `apiBasePath`; `null` when there is none. */
  serve(pathname: string, apiBasePath: string): Response | null
}

/**
 * The Content-Security-Policy of every console response: scripts, styles and requests only from
 * the host's own origin (the API), no inline script or style, no frames, no plugins.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The page: a shell the script fills in; the API's base path travels in a meta tag, not inline code. */
function page(path: string, apiBasePath: string): string {
  const asset = (name: string) => escapeAttribute(`${path}/${name}?v=${CONSOLE_ASSETS_VERSION}`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Experiments</title>
<meta name="flag-experiments-api" content="${escapeAttribute(apiBasePath)}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('console.css')}">
<script type="module" src="${asset('console.js')}"></script>
</head>
<body>
<header class="top"><span class="brand">Experiments</span><nav id="nav" aria-label="Main"></nav></header>
<main id="app" tabindex="-1"></main>
<p id="status" class="visually-hidden" role="status" aria-live="polite"></p>
</body>
</html>
`
}

function answer(body: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      'content-type': contentType,
      'content-security-policy': CONSOLE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
      etag: `"console-${CONSOLE_ASSETS_VERSION}"`,
    },
  })
}

/**
 * Creates the results console (`flag-experiments/console`): experiments list, experiment detail
 * with its status actions, creation, and results with interval bars and the lift over time, in
 * plain browser code that calls only the library's JSON API with the host's authentication (a
 * bearer token the user pastes, or the host's own cookie). About 17 KB of script and 5 KB of CSS,
 * all served from the package.
 *
 * @example
 * ```ts
 * const handler = createHttpHandler({ service, authenticate, basePath: '/api/v1', console: createConsole() })
 * // open http://localhost:3000/console
 * ```
 */
export function createConsole(options: ConsoleOptions = {}): WebConsole {
  const trimmed = (options.path ?? '/console').replace(/\/+$/, '')
  if (trimmed === '')
    throw new RangeError('flag-experiments: the console needs a path of its own, e.g. /console')
  const path = trimmed.startsWith('/') ? trimmed : `/${trimmed}`
  return {
    path,
    serve: (pathname, apiBasePath) => {
      if (pathname === path || pathname === `${path}/`)
        return answer(page(path, apiBasePath), 'text/html; charset=utf-8')
      if (pathname === `${path}/console.js`) return answer(CONSOLE_SCRIPT, 'text/javascript; charset=utf-8')
      if (pathname === `${path}/console.css`) return answer(CONSOLE_STYLE, 'text/css; charset=utf-8')
      return null
    },
  }
}
