import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoHandler,
  createDemoService,
  openDemoDatabase,
  type DemoDatabase,
} from '../../demo/demo-app.js'
import { toNodeListener } from '../../src/http.js'
import type { ExperimentService } from '../../src/index.js'
import { createManualClock } from '../../src/memory.js'
import { BROWSER_AVAILABLE, CHROMIUM, launchChromium, screenshot, seriousViolations } from './browser.js'

/**
 * The console in a real browser (Debian's headless Chromium) against the demo stack on PGlite:
 * sign in, create an experiment through the UI, start it, feed a known effect through the
 * ingestion API (one day at a time, the scheduler taking each day's snapshot), then read the
 * verdict and the lift over time from the page. Every page is screenshotted, checked with axe-core,
 * and may request nothing but the console and the API.
 */
if (!BROWSER_AVAILABLE) {
  if (process.env.CI) throw new Error(`the browser suite must run in CI, but ${CHROMIUM} is missing`)
  console.warn(`console browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
}

const START = new Date('2026-03-01T09:00:00.000Z')
const DAY = 86_400_000
const at = (day: number, minutes: number) => new Date(START.getTime() + day * DAY + minutes * 60_000)

describe.runIf(BROWSER_AVAILABLE)('the results console in Chromium', { timeout: 120_000 }, () => {
  const clock = createManualClock(START)
  let database: DemoDatabase
  let service: ExperimentService
  let server: Server
  let origin = ''
  let browser: Browser
  let page: Page
  const requests: string[] = []
  const errors: string[] = []

  /** Calls the demo API as the admin token, as an SDK or a script would. */
  async function apiCall(method: string, path: string, json?: unknown): Promise<unknown> {
    const response = await fetch(`${origin}/api/v1/environments/dev/${path}`, {
      method,
      headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
      body: json === undefined ? null : JSON.stringify(json),
    })
    const body: unknown = await response.json()
    expect(response.status, `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300)
    return body
  }

  /** One day of data: `count` new identities per arm; 10% of control and 20% of treatment buy. */
  async function feedDay(experiment: string, day: number, count: number): Promise<void> {
    clock.set(at(day, 60))
    const arms = ['control', 'treatment'] as const
    const identities = arms.flatMap((variant) =>
      Array.from({ length: count }, (_, i) => ({ variant, identity: `${variant}-${day}-${i}`, i })),
    )
    const exposures = identities.map(({ variant, identity }) => ({
      experiment,
      identity,
      variant,
      at: at(day, 30).toISOString(),
    }))
    const buyers = identities.filter(({ variant, i }) => i % (variant === 'control' ? 10 : 5) === 0)
    const events = buyers.map(({ identity }) => ({
      id: crypto.randomUUID(),
      identity,
      event: 'purchase',
      at: at(day, 40).toISOString(),
    }))
    for (let i = 0; i < exposures.length; i += 1000)
      await apiCall('POST', 'exposures/', { exposures: exposures.slice(i, i + 1000) })
    await apiCall('POST', 'events/', { events })
    clock.set(at(day, 120))
    const run = await service.runScheduled()
    expect(run.isOk() && run.value.snapshots.map((s) => s.experimentId)).toEqual([experiment])
  }

  /** What sticks out past the right edge of the viewport (tables scroll inside their own box), and by how much the page scrolls sideways. */
  async function sidewaysOverflow(on: Page): Promise<string[]> {
    const wider = await on.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((element) => !element.closest('.table-scroll, .visually-hidden'))
        .map((element) => `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`),
    )
    const overflow = await on.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    return overflow > 0 ? [...wider, `page scrolls ${overflow}px sideways`] : wider
  }

  beforeAll(async () => {
    database = await openDemoDatabase({})
    service = createDemoService(database, clock)
    server = createServer(toNodeListener(createDemoHandler(service, () => undefined)))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())))
    page.on('pageerror', (error) => errors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await database?.close()
  })

  it('creates and starts an experiment through the UI, then shows the verdict and the lift over time', async () => {
    await apiCall('POST', 'metrics/', {
      name: 'Conversion',
      event: 'purchase',
      aggregation: 'occurrence',
      direction: 'up',
    })
    await page.goto(`${origin}/console`)
    await page.getByLabel('API token').fill('admin')
    await page.getByLabel('Environment key').fill('dev')
    await page.getByRole('button', { name: 'Open experiments' }).click()
    await page.getByRole('heading', { name: 'Experiments in dev' }).waitFor()
    await screenshot(page, 'console-list-empty')

    await page.getByRole('link', { name: 'New experiment' }).first().click()
    // The form draws once the metric catalogue has loaded; until then the list (with its own
    // fields) is still on the page, and a fill could land there.
    await page.getByRole('heading', { name: 'New experiment' }).waitFor()
    await page.getByLabel('Name').fill('Pricing page layout')
    await page.getByLabel('Hypothesis').fill('The new layout makes more visitors buy.')
    await page.getByLabel('Feature').fill('4')
    await page.getByLabel('Primary metric').selectOption({ label: 'Conversion' })
    expect(await page.getByLabel('Analysis method').inputValue()).toBe('sequential')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-create')
    await page.getByRole('button', { name: 'Create experiment' }).click()
    await page.getByRole('heading', { name: 'Pricing page layout' }).waitFor()
    const id = page.url().split('/').at(-1) ?? ''

    // Before the start the analysis is a form. A save on a stale version is refused, and the
    // page says why without losing what was typed.
    expect(await page.getByLabel('Method').inputValue()).toBe('sequential')
    await page.getByLabel('Method').selectOption('fixed')
    expect(await page.getByLabel('Sequential tuning').isHidden()).toBe(true)
    await page.getByLabel('Pre-exposure days').fill('7')
    await apiCall('PUT', `experiments/${id}/analysis/`, { method: 'sequential', pre_exposure_days: 3 })
    await page.getByRole('button', { name: 'Save analysis' }).click()
    const refusal = page.locator('section[aria-labelledby="analysis"] .banner.error')
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/version/i)
    expect(await page.getByLabel('Method').inputValue()).toBe('fixed')
    expect(await page.getByLabel('Pre-exposure days').inputValue()).toBe('7')
    // Read again, the page shows what the API holds; saved on that version, the choice stays.
    await page.reload()
    await page.getByRole('heading', { name: 'Pricing page layout' }).waitFor()
    expect(await page.getByLabel('Pre-exposure days').inputValue()).toBe('3')
    await page.getByLabel('Method').selectOption('fixed')
    await page.getByLabel('Pre-exposure days').fill('7')
    await page.getByRole('button', { name: 'Save analysis' }).click()
    await page.locator('#status', { hasText: 'Analysis of Pricing page layout saved.' }).waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Pricing page layout' }).waitFor()
    expect(await page.getByLabel('Method').inputValue()).toBe('fixed')
    expect(await page.getByLabel('Pre-exposure days').inputValue()).toBe('7')
    expect(await page.getByLabel('Sequential tuning').isHidden()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-detail-analysis')

    // The state machine allows only a start from created.
    expect(await page.locator('.actions button').allTextContents()).toEqual(['Start'])
    await page.getByRole('button', { name: 'Start' }).click()
    await page.locator('.status-running').first().waitFor()
    expect(await page.locator('.actions button').allTextContents()).toEqual(['Pause', 'Complete'])
    // Once started the analysis is read-only: no form, the chosen setting and since when it is locked.
    const analysis = page.locator('section[aria-labelledby="analysis"]')
    expect(await analysis.locator('form, input, select').count()).toBe(0)
    expect(await analysis.locator('dd').allTextContents()).toEqual(['Fixed', '—', '7 days'])
    expect(await analysis.locator('.analysis-locked').textContent()).toMatch(/^Locked since the start on /)
    expect(await page.locator('.hypothesis').textContent()).toBe('The new layout makes more visitors buy.')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-detail')

    // 1000 per arm a day: enough for the sequential interval to exclude 0 from the first day on.
    for (const day of [0, 1, 2]) await feedDay(id, day, 1000)

    await page.getByRole('link', { name: 'View results' }).click()
    const verdict = page.locator('.verdict[data-variant="treatment"]')
    await verdict.waitFor()
    expect(await verdict.textContent()).toMatch(
      /^Treatment wins on Conversion: \+100\.0% \(95% interval \+\d+\.\d% to \+\d+\.\d%\)$/,
    )
    expect(await page.locator('.verdict-winning').count()).toBeGreaterThan(0)
    // "How much longer?" in words, and what CUPED did (no events before exposure: nothing to adjust with).
    expect(await page.locator('.guidance li[data-variant="treatment"]').textContent()).toMatch(
      /^Treatment: (Enough identities to detect a ±5\.0% lift|To detect a ±5\.0% lift: about [\d,]+ more identities)/,
    )
    expect(await page.locator('.metric .role').first().textContent()).toMatch(
      /pre-exposure data could not reduce the variance$/,
    )
    expect(await page.locator('[data-count="multiple_exposures"]').textContent()).toMatch(/^0 /)
    expect(await page.locator('.srm').textContent()).toMatch(/match the split/)
    const chart = page.locator('figure.lift-over-time')
    expect(await chart.getAttribute('data-days')).toBe('3')
    expect(await chart.locator('tbody th').allTextContents()).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ])
    expect(await chart.locator('tbody td:first-of-type').allTextContents()).toEqual([
      '+100.0%',
      '+100.0%',
      '+100.0%',
    ])
    expect(await chart.locator('rect.band.verdict-winning').count()).toBe(3)
    const axis = await chart.locator('text.axis').allTextContents()
    expect(axis.slice(0, 3)).toEqual([
      expect.stringMatching(/^\+\d+\.\d%$/),
      '0.0%',
      expect.stringMatching(/^−\d+\.\d%$/),
    ])
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-results')

    await page.goto(`${origin}/console#/dev/experiments?status=running`)
    // The hash changes on the same page: wait for the list itself, not any table still shown.
    await page.getByRole('heading', { name: 'Experiments in dev' }).waitFor()
    await page.locator('tbody th', { hasText: 'Pricing page layout' }).waitFor()
    expect(await page.locator('tbody th').allTextContents()).toEqual(['Pricing page layout'])
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-list')
  })

  it('never lets a page whose data arrives late replace the page opened after it', async () => {
    // Hold the create form's metric catalogue until the reader has moved on to the list.
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const catalogue = (url: URL) => url.pathname.endsWith('/metrics/') && url.search === '?limit=200'
    await page.route(catalogue, async (request) => {
      await held
      await request.continue()
    })
    await page.getByRole('link', { name: 'New experiment' }).first().click()
    await page.getByRole('link', { name: 'Experiments', exact: true }).click()
    await page.getByRole('heading', { name: 'Experiments in dev' }).waitFor()
    const late = page.waitForResponse((response) => catalogue(new URL(response.url())))
    release()
    await late
    // One more turn of the page's tasks: a stale form would be drawn by now.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))
    expect(await page.getByRole('heading', { name: 'New experiment' }).count()).toBe(0)
    expect(await page.getByRole('heading', { name: 'Experiments in dev' }).count()).toBe(1)
    await page.unroute(catalogue)
  })

  it('reads at phone width without sideways scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } })
    phone.on('request', (request) => requests.push(request.url()))
    await phone.goto(`${origin}/console`)
    await phone.getByLabel('API token').fill('admin')
    await phone.getByLabel('Environment key').fill('dev')
    await phone.getByRole('button', { name: 'Open experiments' }).click()
    await phone.getByRole('link', { name: 'Pricing page layout' }).click()
    await phone.getByRole('link', { name: 'View results' }).click()
    await phone.locator('figure.lift-over-time').waitFor()
    expect(await sidewaysOverflow(phone)).toEqual([])
    await screenshot(phone, 'console-results-phone')
    // The forms too, with the analysis method's long option labels.
    await phone.getByRole('link', { name: 'New experiment' }).first().click()
    await phone.getByLabel('Analysis method').waitFor()
    expect(await sidewaysOverflow(phone)).toEqual([])
    const draft = (await apiCall('POST', 'experiments/', {
      feature: '1',
      name: 'Checkout button colour',
      hypothesis: 'A coloured button makes more visitors buy.',
    })) as { id: string }
    await phone.goto(`${origin}/console#/dev/experiments/${draft.id}`)
    await phone.getByLabel('Pre-exposure days').waitFor()
    expect(await sidewaysOverflow(phone)).toEqual([])
    await screenshot(phone, 'console-detail-analysis-phone')
    await phone.close()
  })

  it('made no request outside the console and the API, and broke no rule of its CSP', () => {
    expect(requests.length).toBeGreaterThan(10)
    const outside = requests.filter(
      (url) => !url.startsWith(`${origin}/console`) && !url.startsWith(`${origin}/api/v1/`),
    )
    expect(outside).toEqual([])
    // Chromium logs every refused request; the flow provokes exactly one on purpose (the stale save).
    expect(errors).toEqual([
      'Failed to load resource: the server responded with a status of 412 (Precondition Failed)',
    ])
  })
})
