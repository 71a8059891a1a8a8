import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium (`apt-get install chromium`); the browser suites drive it, never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium'

/** Whether the browser suites can run here. CI must have Chromium: there they always run. */
export const BROWSER_AVAILABLE = existsSync(CHROMIUM)

/** Where the test runs save their screenshots (gitignored). */
export const SCREENSHOTS = new URL('../../test-results/console/', import.meta.url)

/**
 * Headless Chromium with a fresh profile (Playwright's own temporary user-data-dir), no GPU, no
 * QUIC, no background traffic (component updates, sync, first-run pages).
 */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Saves a full-page screenshot of `page` as `<name>.png` under {@link SCREENSHOTS}. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, SCREENSHOTS).pathname, fullPage: true })
}

/** An accessibility violation axe-core reports. */
export interface AxeViolation {
  readonly id: string
  readonly impact: string | null
  readonly help: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * The serious and critical accessibility violations axe-core (WCAG 2.1 A and AA rules) finds on
 * the page as it is now. axe runs through the DevTools protocol, so the page's CSP stays on.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
