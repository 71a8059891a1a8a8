import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { describe, expect, test as base } from 'vitest'
import { toNodeListener } from '../../src/http.js'
import { checkEffects, checkResponse, type ReadResponse, type Verdict } from './fuzz/checks.js'
import { requestPlan, resolvePlan, type FuzzRequest, type KnownResource } from './fuzz/requests.js'
import { rawExchanges } from './fuzz/raw-socket.js'
import { count, propertyParameters, report } from './support/counts.js'
import { BASE_PATH, openDemoStack, type DemoStack, type Fingerprint } from './support/demo-stack.js'
import { checkStoredInvariants, type StoredFigures } from './support/stored-invariants.js'

/**
 * HTTP fuzzing of the real handler on PGlite (or Postgres with DATABASE_URL): random methods,
 * paths, queries, headers and bodies. Zero 5xx, every error a valid problem+json, refused
 * requests change nothing, accepted strings round-trip byte for byte, and the server keeps
 * serving.
 */
const ADMIN = { type: 'user', id: '1' } as const
const DIRECT = count('FUZZ_REQUESTS', { quick: 2_000, ci: 10_000, long: 100_000 })
const OVER_SOCKET = count('FUZZ_SOCKET_REQUESTS', { quick: 100, ci: 500, long: 5_000 })

/** Everything one fuzz run accumulates: the stack, the ids it learnt, and the tallies it reports. */
interface FuzzRun {
  readonly stack: DemoStack
  readonly knownIds: KnownResource[]
  readonly verdicts: Record<Verdict, number>
  readonly statuses: Map<number, number>
  readonly codes: Map<string, number>
  /** What the analysis PUT answered (status or problem code), apart from the other routes. */
  readonly analysis: Map<string, number>
  readonly unhandled: unknown[]
  readonly started: number
  sent: number
  unsendable: number
  lastSeen: Fingerprint | undefined
  figures: StoredFigures | undefined
}

async function openFuzzRun(): Promise<FuzzRun> {
  const started = performance.now()
  const stack = await openDemoStack()
  const knownIds: KnownResource[] = Object.entries(stack.seeded).map(([key, id]) => ({
    id,
    environment: key.split(':')[0] ?? 'dev',
    collection: 'experiments' as const,
  }))
  // A few metrics to start from, so that design bodies can name real ones from the first request.
  for (const [environment, name, aggregation] of [
    ['dev', 'Conversion', 'occurrence'],
    ['dev', 'Revenue', 'sum'],
    ['prod', 'Conversion', 'count'],
    ['other', 'Latency', 'sum'],
  ] as const) {
    const metric = await stack.service.createMetric(ADMIN, environment, {
      name,
      event: name.toLowerCase(),
      aggregation,
      direction: 'up',
    })
    if (metric.isErr()) throw new Error(`seeding a metric failed: ${metric.error.code}`)
    knownIds.push({ id: metric.value.id, environment, collection: 'metrics' })
  }
  const verdicts = { rejected: 0, read: 0, changed: 0, 'unchanged-write': 0, ingested: 0 }
  const tallies = {
    statuses: new Map<number, number>(),
    codes: new Map<string, number>(),
    analysis: new Map<string, number>(),
    unhandled: [],
  }
  const counters = { sent: 0, unsendable: 0, lastSeen: undefined, figures: undefined }
  return { stack, knownIds, verdicts, started, ...tallies, ...counters }
}

/** A tally as `key:count` pairs, the most frequent first. */
const byCount = (tally: ReadonlyMap<string, number>) =>
  [...tally.entries()]
    .sort(([, a], [, b]) => b - a)
    .map(([c, n]) => `${c}:${n}`)
    .join(',')

function reportFuzzRun(run: FuzzRun): void {
  const { verdicts, statuses, codes, figures } = run
  report('fuzz', {
    requests: run.sent,
    direct: DIRECT,
    overSocket: OVER_SOCKET,
    rawSocketCases: rawExchanges.length,
    unsendable: run.unsendable,
    rejected: verdicts.rejected,
    reads: verdicts.read,
    changes: verdicts.changed,
    noopWrites: verdicts['unchanged-write'],
    ingested: verdicts.ingested,
    statuses: [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(','),
    codes: byCount(codes),
    analysisPut: byCount(run.analysis),
    experiments: figures?.experiments ?? 'n/a',
    auditEntries: figures?.auditEntries ?? 'n/a',
    fiveHundreds: (statuses.get(500) ?? 0) + (statuses.get(503) ?? 0),
    dataLost: figures?.dataLost ?? 'n/a',
    seconds: ((performance.now() - run.started) / 1000).toFixed(1),
  })
}

/** A real socket in front of the run's handler, for `toNodeListener` and raw exchanges. */
interface SocketServer {
  readonly server: Server
  readonly origin: string
}

/** The run and its socket server are created once for this file and shared by its tests, in order. */
const test = base.extend<{ fuzz: FuzzRun; socket: SocketServer }>({
  fuzz: [
    async ({}, use) => {
      const run = await openFuzzRun()
      const onUnhandled = (reason: unknown) => run.unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      try {
        await use(run)
      } finally {
        process.off('unhandledRejection', onUnhandled)
        await run.stack.close()
        reportFuzzRun(run)
      }
    },
    { scope: 'file' },
  ],
  socket: [
    async ({ fuzz }, use) => {
      const server = createServer(toNodeListener(fuzz.stack.handler))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      await use({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
    { scope: 'file' },
  ],
})

function toRequest(request: FuzzRequest, origin: string): Request | null {
  try {
    return new Request(origin + request.target, {
      method: request.method,
      headers: request.headers.map(([k, v]): [string, string] => [k, v]),
      body: request.body === null ? null : new Uint8Array(request.body),
    })
  } catch {
    return null
  }
}

const ANALYSIS_PATH = new RegExp(`^${BASE_PATH}/environments/[^/]+/experiments/[^/]+/analysis/?$`)
/** What the analysis PUT answers once its body reached the service's validation and rules. */
const ANALYSIS_DECIDED = ['200', 'validation_failed', 'analysis_locked', 'experiment_completed']

/** Sends one request (through `send`), then checks the response and its effects. */
async function exchange(
  run: FuzzRun,
  request: FuzzRequest,
  send: (r: FuzzRequest) => Promise<ReadResponse | null>,
): Promise<void> {
  const { stack, statuses, codes } = run
  // Only requests change the database, so the state after one is the state before the next.
  const before = run.lastSeen ?? (await stack.fingerprint())
  const response = await send(request)
  if (response === null) {
    run.unsendable++
    return
  }
  run.sent++
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
  const body = checkResponse(request, response)
  const code =
    response.status >= 400 && typeof body === 'object' && body !== null && 'code' in body
      ? String(body.code)
      : String(response.status)
  codes.set(code, (codes.get(code) ?? 0) + 1)
  if (request.method === 'PUT' && ANALYSIS_PATH.test(new URL(request.target, 'http://x').pathname))
    run.analysis.set(code, (run.analysis.get(code) ?? 0) + 1)
  const after = await stack.fingerprint()
  run.lastSeen = after
  const verdict = await checkEffects(stack, request, response, body, before, after)
  run.verdicts[verdict]++
  if (response.status === 201 && typeof body === 'object' && body !== null && 'id' in body) {
    const [, environment = 'dev', collection = 'experiments'] =
      /\/environments\/([^/]+)\/(experiments|metrics)\//.exec(response.headers.get('location') ?? '') ?? []
    run.knownIds.push({
      id: String(body.id),
      environment: decodeURIComponent(environment),
      collection: collection === 'metrics' ? 'metrics' : 'experiments',
    })
  }
  stack.clock.advance(1_234)
}

/** Sends straight into the handler of `stack`. */
function directTo(stack: DemoStack) {
  return async (request: FuzzRequest): Promise<ReadResponse | null> => {
    const built = toRequest(request, 'http://fuzz.test')
    if (built === null) return null
    const response = await stack.handler(built)
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
}

/** Sends through `fetch` to the socket server at `origin`. */
function overSocketTo(origin: string) {
  return async (request: FuzzRequest): Promise<ReadResponse | null> => {
    const built = toRequest(request, origin)
    if (built === null) return null
    const response = await fetch(built)
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
}

async function healthy(send: (r: FuzzRequest) => Promise<ReadResponse | null>): Promise<void> {
  const probe = await send({
    method: 'GET',
    target: `${BASE_PATH}/environments/dev/experiments/`,
    headers: [['authorization', 'Bearer admin']],
    body: null,
    sentStrings: null,
  })
  expect(probe?.status, 'the server keeps serving').toBe(200)
}

describe('HTTP fuzzing', () => {
  test(`${DIRECT} generated requests straight into the handler`, { timeout: 1_800_000 }, async ({ fuzz }) => {
    const direct = directTo(fuzz.stack)
    await fc.assert(
      fc.asyncProperty(requestPlan, async (plan) => {
        await exchange(fuzz, resolvePlan(plan, fuzz.knownIds), direct)
        if (fuzz.sent % 1000 === 0) await healthy(direct)
      }),
      propertyParameters(DIRECT),
    )
    await healthy(direct)
    expect(fuzz.unsendable, 'almost every generated request is sendable').toBeLessThan(DIRECT / 100)
    expect(fuzz.stack.reported, 'no 500 or 503 was reported').toEqual([])
    expect(
      ANALYSIS_DECIDED.filter((code) => fuzz.analysis.has(code)),
      `the analysis PUT's bodies reach the service (${byCount(fuzz.analysis)})`,
    ).not.toEqual([])
    expect(({} as Record<string, unknown>).polluted, 'no prototype pollution').toBeUndefined()
  })

  describe('over a real socket (toNodeListener)', () => {
    test(
      `${OVER_SOCKET} generated requests through fetch`,
      { timeout: 600_000 },
      async ({ fuzz, socket }) => {
        const overSocket = overSocketTo(socket.origin)
        const standardMethod = (m: string) =>
          ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'].includes(m)
        await fc.assert(
          fc.asyncProperty(
            requestPlan.filter((plan) => standardMethod(plan.method)),
            async (plan) => exchange(fuzz, resolvePlan(plan, fuzz.knownIds), overSocket),
          ),
          propertyParameters(OVER_SOCKET),
        )
        await healthy(overSocket)
      },
    )

    test.for(rawExchanges)('raw socket: $name', { timeout: 60_000 }, async ({ run }, { fuzz, socket }) => {
      const before = await fuzz.stack.fingerprint()
      await run((socket.server.address() as AddressInfo).port)
      fuzz.sent++
      fuzz.lastSeen = await fuzz.stack.fingerprint()
      expect(fuzz.lastSeen, 'nothing changed').toEqual(before)
      await healthy(overSocketTo(socket.origin))
    })
  })

  test('leaves no unhandled rejection and every stored invariant intact', async ({ fuzz }) => {
    expect(fuzz.unhandled).toEqual([])
    fuzz.figures = checkStoredInvariants(await fuzz.stack.stored())
    expect(fuzz.figures.dataLost).toBe(0)
  })
})
