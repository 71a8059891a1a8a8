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

/**
 * The report's metric tables, with the run's tag and the days (which depend on how long the run
 * took) masked: what a seed must reproduce.
 */
const tablesOf = (report: string) =>
  report
    .split('\n')
    .slice(2)
    .join('\n')
    .replace(/ [0-9a-f]{8} — /g, ' <run> — ')
    .replace(/~[\d.]+ (min|h|days) at the current rate/g, '<days>')

describe('npm run simulate', () => {
  const baseUrl = () => `${api.origin}${api.basePath}`

  it('runs an experiment end to end over HTTP and prints its results', { timeout: 120_000 }, async () => {
    // A run that stopped half-way left its experiment running: the script completes it first.
    const left = await api.request('POST', 'dev/experiments/', {
      json: {
        feature: 4,
        name: 'Pricing page simulation 0badc0de',
        hypothesis: 'The new pricing page converts better without more support tickets.',
      },
    })
    await api.request('POST', `dev/experiments/${left.body.id}/start/`)
    const progress: string[] = []
    const report = await simulate({
      baseUrl: baseUrl(),
      identities: 2000,
      seed: 7,
      log: (line) => progress.push(line),
    })
    expect(progress).toContain('completed experiment "Pricing page simulation 0badc0de", still running')
    expect(progress.filter((line) => line.startsWith('exposures: 1000 accepted'))).toHaveLength(2)
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
    expect(report).toMatch(
      /^ {2}sequential interval \(valid at every look, tightest at N = 5000\), Holm correction$/m,
    )
    expect(report).toMatch(/^ {2}sequential interval .*, no correction$/m) // the guardrail
    if (/ (inconclusive|insufficient data)$/m.test(report))
      expect(report).toMatch(
        /^ {2}→ treatment: \d+\.\d% power for a ±5% lift so far; 80% (needs ~\d+ more identities|is out of reach)/m,
      )

    // The same seed again, against the same demo: the same visitors, variants and results.
    const again = await simulate({ baseUrl: baseUrl(), identities: 2000, seed: 7, log: () => {} })
    expect(tablesOf(again)).toBe(tablesOf(report))
    expect(again.split('\n')[0]).not.toBe(report.split('\n')[0]) // a new experiment of its own
    const other = await simulate({ baseUrl: baseUrl(), identities: 2000, seed: 8, log: () => {} })
    expect(tablesOf(other)).not.toBe(tablesOf(report))
  })

  it('never completes or deletes an experiment it did not create', { timeout: 60_000 }, async () => {
    const mine = await api.request('POST', 'dev/experiments/', {
      json: { feature: 4, name: 'Pricing page simulation by hand', hypothesis: 'A person runs this one.' },
    })
    await api.request('POST', `dev/experiments/${mine.body.id}/start/`)
    await expect(simulate({ baseUrl: baseUrl(), identities: 10, log: () => {} })).rejects.toThrow(
      /feature 4 has an active experiment the simulation did not create, "Pricing page simulation by hand"/,
    )
    const after = await api.request('GET', `dev/experiments/${mine.body.id}/`)
    expect(after.body).toMatchObject({ status: 'running', version: 2 })
    const runs = await api.request('GET', 'dev/experiments/?feature=4&status=created')
    expect(runs.body.results).toEqual([])
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
