import { h, show } from './dom.js'
import { createView } from './create-view.js'
import { detailView } from './detail-view.js'
import { listView } from './list-view.js'
import { loginView } from './login-view.js'
import { resultsView } from './results-view.js'
import { ApiRefusal, saveToken } from './api.js'
import type { ViewContext } from './wire.js'

/*
 * The console's entry: a router over the address's hash (`#/dev/experiments/<id>/results`), one
 * view per page, every figure read from the library's own JSON API.
 */

const api = document.querySelector<HTMLMetaElement>('meta[name="flag-experiments-api"]')?.content ?? ''
const root = document.getElementById('app') as HTMLElement
const status = document.getElementById('status') as HTMLElement
const nav = document.getElementById('nav') as HTMLElement
const announce = (message: string) => void (status.textContent = message)

/** The page the hash names: its environment, path segments and query. */
function parseHash(): { environment: string; segments: string[]; params: URLSearchParams } {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?')
  const [environment = '', ...segments] = path
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent)
  return { environment, segments, params: new URLSearchParams(search) }
}

function navigation(environment: string): void {
  const base = `#/${encodeURIComponent(environment)}`
  show(
    nav,
    environment === ''
      ? null
      : [
          h('a', { href: `${base}/experiments` }, 'Experiments'),
          h('a', { href: `${base}/new` }, 'New experiment'),
          h('a', { href: '#/', onClick: () => saveToken(null) }, 'Sign out'),
        ],
  )
}

async function route(): Promise<void> {
  const { environment, segments, params } = parseHash()
  navigation(environment)
  const context: ViewContext = { api, environment, root, announce }
  const [page, id, sub] = segments
  if (environment === '' || page === undefined) return loginView(root, environment, null)
  if (page === 'new') return createView(context)
  if (page !== 'experiments') return loginView(root, environment, 'That page does not exist.')
  if (id === undefined)
    return listView(context, { status: params.get('status') ?? '', q: params.get('q') ?? '' })
  if (sub === 'results') return resultsView(context, id)
  return detailView(context, id)
}

/** Draws the page; a refusal (401: sign in again) or a failure is said on the page, never thrown. */
async function render(): Promise<void> {
  root.setAttribute('aria-busy', 'true')
  try {
    await route()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const { environment } = parseHash()
    if (error instanceof ApiRefusal && error.status === 401)
      loginView(root, environment, `Please sign in. ${message}`)
    else
      show(
        root,
        h('h1', {}, 'Something went wrong'),
        h('p', { class: 'banner error', role: 'alert' }, message),
      )
  } finally {
    root.removeAttribute('aria-busy')
    root.focus()
  }
}

window.addEventListener('hashchange', () => void render())
void render()
