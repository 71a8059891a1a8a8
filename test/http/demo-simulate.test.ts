import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDemoHandler,
  createDemoService,
  openDemoDatabase,
  type DemoDatabase,
} from '../../demo/demo-app.js'
import { intervalBar } from '../../scripts/simulate-report.js'
import { simulate } from '../../scripts/simulate.js'
import { startApiServer, type ApiServer } from './support/api-client.js'

/** `npm run simulate` against the demo, started in-process on PGlite with the system clock. */
let database: DemoDatabase
let api: ApiServer
beforeAll(async () => {
  database = await openDemoDatabase({})
  api = await startApiServer(createDemoHandler(createDemoService(database), () => undefined))
})
afterAll(async () => {
  await api.close()
  await database.close()
})

describe('npm run simulate', () => {
  it('runs an experiment end to end over HTTP and prints its results', { timeout: 120_000 }, async () => {
    // An experiment left running on the feature: the script completes it first.
    const left = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'Left running', hypothesis: 'h' },
    })
    await api.request('POST', `dev/experiments/${left.body.id}/start/`)
    const progress: string[] = []
    const report = await simulate({
      baseUrl: `${api.origin}${api.basePath}`,
      identities: 4000,
      seed: 7,
      log: (line) => progress.push(line),
    })
    expect(progress).toContain('completed experiment "Left running", still running')
    expect(progress.filter((line) => line.startsWith('exposures: 1000 accepted'))).toHaveLength(4)
    expect(report).toMatch(/^Experiment "Pricing page simulation [0-9a-f]{8}" .* completed$/m)
    expect(report).toMatch(/^Results final, as of /m)
    expect(report).toMatch(/exposed: control \d+ \(\d+\.\d%, weight 50%\), treatment \d+ /)
    expect(report).toMatch(/^SRM: p = \d\.\d{4} — no mismatch$/m)
    for (const heading of [
      /^Purchase conversion [0-9a-f]{8} — primary, occurrence, expected to increase$/m,
      /^Revenue [0-9a-f]{8} — secondary, sum, expected to increase$/m,
      /^Support tickets [0-9a-f]{8} — guardrail, count, expected to not increase$/m,
    ])
      expect(report).toMatch(heading)
    expect(report).toMatch(/^ {2}control +\d+ +0\.\d{4} +control$/m)
    expect(report).toMatch(
      /^ {2}treatment +\d+ +\d+\.\d{4} +[+-]\d+\.\d% +\[[+-]\d+\.\d%, [+-]\d+\.\d%\] +[ =|¦●<>]+ +\d+\.\d% +(winning|losing|inconclusive)$/m,
    )
    expect(report).toMatch(/ (ok|violated)$/m)

    // A second run needs no cleanup: its names are its own, and the first one is completed.
    const again = await simulate({ baseUrl: `${api.origin}${api.basePath}`, identities: 200, log: () => {} })
    expect(again).toMatch(/Visitors 200;/)
  })
})

describe('intervalBar', () => {
  it('draws the interval around 0 with the estimate, and marks where it runs off the scale', () => {
    expect(intervalBar(0.1, 0.3, 0.2, 0.5)).toBe(`${' '.repeat(15)}¦  ===●===${' '.repeat(6)}`)
    expect(intervalBar(-0.1, 0.1, 0, 0.5)).toBe(`${' '.repeat(12)}===●===${' '.repeat(12)}`)
    const off = intervalBar(-2, 2, 0.5, 1)
    expect(off.startsWith('<')).toBe(true)
    expect(off.endsWith('>')).toBe(true)
    expect([...off]).toHaveLength(31)
  })
})
