import { saveToken, savedToken } from './api.js'
import { h, show } from './dom.js'

/**
 * Sign-in: the token to send as a bearer (kept for this tab only; empty to use the host's
 * session cookie) and the environment to open.
 */
export function loginView(root: HTMLElement, environment: string, message: string | null): void {
  const token = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    value: savedToken() ?? '',
    'aria-describedby': 'token-help',
  }) as HTMLInputElement
  const env = h('input', {
    id: 'environment',
    name: 'environment',
    required: true,
    value: environment,
  }) as HTMLInputElement
  const form = h(
    'form',
    {
      class: 'card stack',
      onSubmit: (event: Event) => {
        event.preventDefault()
        saveToken(token.value.trim())
        location.hash = `#/${encodeURIComponent(env.value.trim())}/experiments`
      },
    },
    message === null ? null : h('p', { class: 'banner error', role: 'alert' }, message),
    h('label', { for: 'token' }, 'API token'),
    token,
    h(
      'p',
      { id: 'token-help', class: 'help' },
      'Sent as a bearer token, kept for this tab only. Leave it empty to use the session you are signed in with.',
    ),
    h('label', { for: 'environment' }, 'Environment key'),
    env,
    h('button', { type: 'submit', class: 'primary' }, 'Open experiments'),
  )
  show(root, h('h1', {}, 'Sign in'), form)
}
