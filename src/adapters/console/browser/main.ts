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

async function route(target: HTMLElement): Promise<void> {
  const { environment, segments, params } = parseHash()
  navigation(environment)
  const context: ViewContext = { api, environment, root: target, announce }
  const [page, id, sub] = segments
  if (environment === '' || page === undefined) return loginView(target, environment, null)
  if (page === 'new') return createView(context)
  if (page !== 'experiments') return loginView(target, environment, 'That page does not exist.')
  if (id === undefined)
    return listView(context, { status: params.get('status') ?? '', q: params.get('q') ?? '' })
  if (sub === 'results') return resultsView(context, id)
  return detailView(context, id)
}

/** The number of the latest render: a page whose data arrives after a newer one started is dropped. */
let latest = 0

/**
 * Draws the page the hash names into a fresh element, put in place once its data has arrived and
 * only if no newer navigation started meanwhile (so a slow earlier page never replaces a later
 * one, or a form someone is filling in); a refusal (401: sign in again) or a failure is said on
 * the page, never thrown.
 */
async function render(): Promise<void> {
  const generation = ++latest
  const page = document.createElement('div')
  root.setAttribute('aria-busy', 'true')
  try {
    await route(page)
    if (generation !== latest) return
    show(root, page)
  } catch (error) {
    if (generation !== latest) return
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
    if (generation === latest) {
      root.removeAttribute('aria-busy')
      root.focus()
    }
  }
}

window.addEventListener('hashchange', () => void render())
void render()
