import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { CONSOLE_ASSETS_FILE, renderConsoleAssets } from '../../scripts/console-assets.js'
import { CONSOLE_CSP, createConsole } from '../../src/console.js'
import { createHttpHandler } from '../../src/http.js'
import { createExperimentService } from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'

const service = createExperimentService(createMemoryAdapters({ environments: [], features: [] }))
const authenticate = () => null
const handler = createHttpHandler({ service, authenticate, basePath: '/api/v1', console: createConsole() })
const get = (path: string, init?: RequestInit) => handler(new Request(`http://localhost${path}`, init))

describe('the console under the handler', () => {
  it('serves the page and its assets without a token, under a strict CSP', async () => {
    for (const path of ['/console', '/console/']) {
      const page = await get(path)
      expect(page.status).toBe(200)
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP)
      const html = await page.text()
      expect(html).toContain('<meta name="flag-experiments-api" content="/api/v1">')
      // No inline script or style: every script and sheet is a file of the console.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/)
      expect(html).not.toMatch(/<style|style="/)
    }
    expect(CONSOLE_CSP).toMatch(/default-src 'self'/)
    expect(CONSOLE_CSP).toMatch(/connect-src 'self'/)
    const script = await get('/console/console.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await script.text()).length).toBeGreaterThan(1000)
    expect((await get('/console/console.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers HEAD and If-None-Match, 404 below its path and 405 for other methods', async () => {
    const head = await get('/console/console.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const etag = head.headers.get('etag') ?? ''
    expect((await get('/console/console.js', { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect(await (await get('/console/nothing.js')).json()).toMatchObject({ code: 'not_found' })
    const post = await get('/console/', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('leaves the API to the API (a token is still needed there) and is absent unless mounted', async () => {
    expect((await get('/api/v1/environments/dev/experiments/')).status).toBe(401)
    const without = createHttpHandler({ service, authenticate, basePath: '/api/v1' })
    expect((await without(new Request('http://localhost/console'))).status).toBe(404)
  })

  it('takes another path, and refuses none at all', () => {
    const mounted = createConsole({ path: 'admin/experiments/' })
    expect(mounted.path).toBe('/admin/experiments')
    expect(mounted.serve('/admin/experiments/', '')?.status).toBe(200)
    expect(() => createConsole({ path: '/' })).toThrow(RangeError)
  })

  it('ships the assets generated from the current browser sources (npm run console:assets)', async () => {
    const committed = await readFile(CONSOLE_ASSETS_FILE, 'utf8')
    expect(
      committed === (await renderConsoleAssets()),
      'console-assets.ts has drifted: run npm run console:assets',
    ).toBe(true)
  })
})
