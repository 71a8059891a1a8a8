import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it as base } from 'vitest'
import { openFaultStack, type Connection, type FaultStack } from './faults/fault-stack.js'
import { startTcpProxy } from './faults/tcp-proxy.js'
import {
  lostAcknowledgedWrites,
  newLog,
  runWorkload,
  seededRandom,
  type WorkloadLog,
} from './faults/workload.js'
import { count, report } from './support/counts.js'
import { checkStoredInvariants } from './support/stored-invariants.js'

/**
 * Fault injection: statements failing before they run or after (the reply lost), the database
 * unreachable, and — on a real Postgres server — backends terminated mid-command and the
 * server cut off behind a TCP proxy. Every call resolves to a typed result, nothing is half
 * written, no acknowledged write is lost, and the service recovers by itself.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? ''
const CALLS = count('FAULT_CALLS', { quick: 150, ci: 400, long: 5_000 })
const SEED = Number(process.env.RELIABILITY_SEED ?? 20_261_124)
/** What the whole file tallies for its report, and the unhandled rejections it heard. */
interface FaultTally {
  readonly figures: {
    calls: number
    faultsInjected: number
    unavailable: number
    terminated: number
    connectionsCut: number
    poolErrorsHeard: number
    acknowledged: number
    dataLost: number
  }
  readonly unhandled: unknown[]
}

/** One tally for the file, shared by its tests and reported once they have all run. */
const it = base.extend<{ tally: FaultTally }>({
  tally: [
    async ({}, use) => {
      const tally: FaultTally = {
        figures: {
          calls: 0,
          faultsInjected: 0,
          unavailable: 0,
          terminated: 0,
          connectionsCut: 0,
          poolErrorsHeard: 0,
          acknowledged: 0,
          dataLost: 0,
        },
        unhandled: [],
      }
      const onUnhandled = (reason: unknown) => tally.unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      try {
        await use(tally)
      } finally {
        process.off('unhandledRejection', onUnhandled)
        report(`faults/${DATABASE_URL ? 'postgres' : 'pglite'}`, tally.figures)
      }
    },
    { scope: 'file' },
  ],
})

/** Invariants on what is stored, and no acknowledged write lost; adds to the figures. */
async function checkAfterFaults(tally: FaultTally, stack: FaultStack, log: WorkloadLog): Promise<void> {
  const { figures, unhandled } = tally
  const stored = await stack.stored()
  const { dataLost } = checkStoredInvariants(stored)
  const lost = lostAcknowledgedWrites(log, stored)
  figures.calls += log.calls
  figures.unavailable += log.unavailable
  figures.acknowledged += log.acknowledged.length
  figures.dataLost += dataLost + lost
  figures.poolErrorsHeard += stack.poolErrors.splice(0).length
  expect(lost, 'acknowledged writes lost').toBe(0)
  expect(unhandled, 'unhandled rejections').toEqual([])
}

/** While the database is unreachable: every call is `unavailable`, every HTTP answer a 503 problem. */
async function checkDown(tally: FaultTally, stack: FaultStack, seed: number): Promise<void> {
  const { figures } = tally
  const log = newLog()
  const before = await stack.stored()
  await runWorkload(stack.service, log, { calls: 20, concurrency: 2, random: seededRandom(seed) })
  expect(log.unavailable, 'every call while down is unavailable').toBe(log.calls)
  const response = await stack.handler(
    new Request('http://x/api/v1/environments/dev/experiments/', {
      headers: { authorization: 'Bearer admin' },
    }),
  )
  expect(response.status).toBe(503)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  expect(response.headers.get('retry-after')).toMatch(/^\d+$/)
  expect(await response.json()).toMatchObject({ status: 503, code: 'unavailable' })
  figures.calls += log.calls + 1
  figures.unavailable += log.unavailable + 1
  expect(await stack.stored(), 'nothing changed while down').toEqual(before)
}

/** Once the database is back: the same service, untouched, serves every call again. */
async function checkRecovered(
  tally: FaultTally,
  stack: FaultStack,
  seed: number,
  known: WorkloadLog['known'],
): Promise<void> {
  const log = newLog()
  log.known.push(...known)
  await runWorkload(stack.service, log, { calls: 40, concurrency: 2, random: seededRandom(seed) })
  expect(log.unavailable, `recovered by itself: ${JSON.stringify([...log.codes])}`).toBe(0)
  await checkAfterFaults(tally, stack, log)
}

function faultsFor(stack: FaultStack, rate: number, seed: number): void {
  const random = seededRandom(seed)
  stack.faults.pick = () => {
    const roll = random()
    return roll < rate / 2 ? 'before' : roll < rate ? 'after' : 'none'
  }
}

const connection: Connection = DATABASE_URL ? { kind: 'postgres', url: DATABASE_URL } : { kind: 'pglite' }

describe.each([
  { writes: 'one statement (library audit table)', hostAuditSink: false },
  { writes: 'a transaction (host audit sink)', hostAuditSink: true },
])(`injected faults on ${connection.kind}, writes as $writes`, ({ hostAuditSink }) => {
  let stack: FaultStack
  beforeAll(async () => {
    stack = await openFaultStack(connection, { hostAuditSink })
  })
  afterAll(() => stack.close())

  it(
    'statements failing before or after they run: typed results, nothing half written, nothing acknowledged lost',
    { timeout: 300_000 },
    async ({ tally }) => {
      const log = newLog()
      faultsFor(stack, 0.2, SEED)
      await runWorkload(stack.service, log, { calls: CALLS, concurrency: 4, random: seededRandom(SEED + 1) })
      stack.faults.pick = () => 'none'
      tally.figures.faultsInjected += stack.faults.injected
      expect(stack.faults.injected, 'faults were injected').toBeGreaterThan(CALLS / 10)
      expect(log.unavailable, 'some faults surfaced as unavailable').toBeGreaterThan(0)
      expect(log.ok, 'and most calls still went through').toBeGreaterThan(0)
      await checkAfterFaults(tally, stack, log)
      await checkRecovered(tally, stack, SEED + 2, log.known)
    },
  )

  it('the database unreachable, then back', { timeout: 120_000 }, async ({ tally }) => {
    const injected = stack.faults.injected
    stack.faults.down = true
    await checkDown(tally, stack, SEED + 3)
    stack.faults.down = false
    tally.figures.faultsInjected += stack.faults.injected - injected
    await checkRecovered(tally, stack, SEED + 4, [])
  })
})

describe.runIf(DATABASE_URL !== '')('real Postgres faults', () => {
  it('pg_terminate_backend on the pool connections mid-command', { timeout: 300_000 }, async ({ tally }) => {
    const applicationName = `fx-faults-${randomUUID().slice(0, 8)}`
    const stack = await openFaultStack(
      { kind: 'postgres', url: DATABASE_URL, applicationName },
      { hostAuditSink: true },
    )
    const killer = new pg.Client({ connectionString: DATABASE_URL })
    await killer.connect()
    try {
      const random = seededRandom(SEED + 10)
      const log = newLog()
      let terminated = 0
      await runWorkload(stack.service, log, {
        calls: CALLS,
        concurrency: 6,
        random: seededRandom(SEED + 11),
        onCall: async () => {
          if (random() >= 0.15) return
          const { rows } = await killer.query<{ n: number }>(
            // Victims are chosen first (materialized), so only this test's own pool is ever hit.
            `with victims as materialized (
               select pid from pg_stat_activity
                where application_name = $1 and datname = current_database() and pid <> pg_backend_pid()
             )
             select count(*) filter (where pg_terminate_backend(pid))::int as n from victims`,
            [applicationName],
          )
          terminated += rows[0]?.n ?? 0
        },
      })
      tally.figures.terminated += terminated
      expect(terminated, 'backends were terminated').toBeGreaterThan(0)
      await checkAfterFaults(tally, stack, log)
      await checkRecovered(tally, stack, SEED + 12, log.known)
    } finally {
      await killer.end()
      await stack.close()
    }
  })

  it(
    'the server made unreachable (a loopback TCP proxy stopped mid-run), then back',
    { timeout: 300_000 },
    async ({ tally }) => {
      const target = Number(new URL(DATABASE_URL).port || 5432)
      const proxy = await startTcpProxy(target)
      const stack = await openFaultStack(
        { kind: 'postgres', url: DATABASE_URL, port: proxy.port },
        { hostAuditSink: false },
      )
      try {
        const log = newLog()
        let calls = 0
        await runWorkload(stack.service, log, {
          calls: CALLS,
          concurrency: 4,
          random: seededRandom(SEED + 21),
          onCall: async () => {
            calls++
            if (calls % 50 === 25) proxy.cutAll()
            if (calls % 100 === 60) await proxy.stop()
            if (calls % 100 === 75) await proxy.start()
          },
        })
        await proxy.start()
        expect(log.unavailable, 'the outage was felt').toBeGreaterThan(0)
        await checkAfterFaults(tally, stack, log)
        await proxy.stop()
        await checkDown(tally, stack, SEED + 22)
        await proxy.start()
        await checkRecovered(tally, stack, SEED + 23, log.known)
        tally.figures.connectionsCut += proxy.cut
      } finally {
        await proxy.start()
        await stack.close()
        await proxy.stop()
      }
    },
  )
})
