import { afterEach, describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

const APP = 'https://app.example.com'

/**
 * Sends a browser's preflight for `method` on `path` (below the environments), as a browser
 * does: no credentials. Preflights are transport, not operations of the API's document, so the
 * answer is read as it is rather than checked against the document.
 */
async function preflight(api: MemoryApi, path: string, origin: string, method = 'POST') {
  const response = await fetch(`${api.origin}${api.basePath}/environments/${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type, if-match',
    },
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

async function serve(cors?: CorsOptions): Promise<MemoryApi> {
  api = await startMemoryApi(undefined, cors === undefined ? {} : { cors })
  return api
}

describe('without the cors option', () => {
  it('keeps a preflight 405 and sends no CORS headers', async () => {
    const api = await serve()
    const response = await preflight(api, 'dev/experiments/', APP)
    expect(response.status).toBe(405)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    const list = await api.request('GET', 'dev/experiments/', { headers: { origin: APP } })
    expect(list.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('with the cors option', () => {
  it('answers a preflight from an allowed origin with 204, the methods of the resource and the headers', async () => {
    const api = await serve({ origin: APP, credentials: true, maxAge: 600 })
    const response = await preflight(api, 'dev/experiments/', APP)
    expect(response.status).toBe(204)
    expect(response.text).toBe('')
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, POST',
      'access-control-allow-headers': 'Authorization, Content-Type, If-Match, If-None-Match',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'Origin',
    })
    const item = await preflight(api, 'dev/experiments/some-id/', APP, 'PATCH')
    expect(item.headers.get('access-control-allow-methods')).toBe('GET, HEAD, PATCH, DELETE')
  })

  it('marks the answers to an allowed origin, errors included, and exposes ETag and Location', async () => {
    const api = await serve({ origin: [APP, 'https://admin.example.com'] })
    const created = await api.request('POST', 'dev/experiments/', {
      headers: { origin: APP },
      json: { feature: 1, name: 'Cross-origin', hypothesis: 'Browsers can call the API.' },
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('access-control-allow-origin')).toBe(APP)
    expect(created.headers.get('access-control-expose-headers')).toMatch(/ETag, Location/)
    expect(created.headers.get('access-control-allow-credentials')).toBeNull()
    expect(created.headers.get('vary')).toBe('Origin')
    const refused = await api.request('GET', 'dev/experiments/', {
      token: 'viewer',
      headers: { origin: APP },
    })
    expect(refused.status).toBe(403)
    expect(refused.headers.get('access-control-allow-origin')).toBe(APP)
  })

  it('gives nothing to another origin: its preflight stays 405, its answers carry no CORS headers', async () => {
    const api = await serve({ origin: (origin) => origin.endsWith('.example.com') })
    const preflightAnswer = await preflight(api, 'dev/experiments/', 'https://evil.test')
    expect(preflightAnswer.status).toBe(405)
    const list = await api.request('GET', 'dev/experiments/', { headers: { origin: 'https://evil.test' } })
    expect(list.status).toBe(200)
    expect(list.headers.get('access-control-allow-origin')).toBeNull()
    expect(list.headers.get('vary')).toBe('Origin')
  })

  it("answers '*' to any origin", async () => {
    const api = await serve({ origin: '*' })
    const response = await api.request('GET', 'dev/experiments/', { headers: { origin: 'https://any.test' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('still answers a plain OPTIONS (no preflight) with 405, and an unknown path with 404', async () => {
    const api = await serve({ origin: APP })
    const plain = await api.request('OPTIONS', 'dev/experiments/', { headers: { origin: APP } })
    expect(plain.status).toBe(405)
    const unknown = await preflight(api, 'dev/elsewhere/', APP)
    expect(unknown.status).toBe(404)
  })
})
