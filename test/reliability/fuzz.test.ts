import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toNodeListener } from '../../src/http.js'
import { checkEffects, checkResponse, type ReadResponse, type Verdict } from './fuzz/checks.js'
import { requestPlan, resolvePlan, type FuzzRequest, type KnownExperiment } from './fuzz/requests.js'
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
const DIRECT = count('FUZZ_REQUESTS', 10_000, 100_000)
const OVER_SOCKET = count('FUZZ_SOCKET_REQUESTS', 500, 5_000)

let stack: DemoStack
const knownIds: KnownExperiment[] = []
const verdicts: Record<Verdict, number> = { rejected: 0, read: 0, changed: 0, 'unchanged-write': 0 }
const statuses = new Map<number, number>()
const codes = new Map<string, number>()
let sent = 0
let unsendable = 0
let started = 0
let figures: StoredFigures | undefined
let lastSeen: Fingerprint | undefined
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(async () => {
  started = performance.now()
  process.on('unhandledRejection', onUnhandled)
  stack = await openDemoStack()
  knownIds.push(
    ...Object.entries(stack.seeded).map(([key, id]) => ({ id, environment: key.split(':')[0] ?? 'dev' })),
  )
})

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled)
  await stack.close()
  report('fuzz', {
    requests: sent,
    direct: DIRECT,
    overSocket: OVER_SOCKET,
    rawSocketCases: rawExchanges.length,
    unsendable,
    rejected: verdicts.rejected,
    reads: verdicts.read,
    changes: verdicts.changed,
    noopWrites: verdicts['unchanged-write'],
    statuses: [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(','),
    codes: [...codes.entries()]
      .sort(([, a], [, b]) => b - a)
      .map(([c, n]) => `${c}:${n}`)
      .join(','),
    experiments: figures?.experiments ?? 'n/a',
    auditEntries: figures?.auditEntries ?? 'n/a',
    fiveHundreds: (statuses.get(500) ?? 0) + (statuses.get(503) ?? 0),
    dataLost: figures?.dataLost ?? 'n/a',
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  })
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

/** Sends one request (through `send`), then checks the response and its effects. */
async function exchange(
  request: FuzzRequest,
  send: (r: FuzzRequest) => Promise<ReadResponse | null>,
): Promise<void> {
  // Only requests change the database, so the state after one is the state before the next.
  const before = lastSeen ?? (await stack.fingerprint())
  const response = await send(request)
  if (response === null) {
    unsendable++
    return
  }
  sent++
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
  const body = checkResponse(request, response)
  const code =
    response.status >= 400 && typeof body === 'object' && body !== null && 'code' in body
      ? String(body.code)
      : String(response.status)
  codes.set(code, (codes.get(code) ?? 0) + 1)
  const after = await stack.fingerprint()
  lastSeen = after
  const verdict = await checkEffects(stack, request, response, body, before, after)
  verdicts[verdict]++
  if (response.status === 201 && typeof body === 'object' && body !== null && 'id' in body) {
    const environment = /\/environments\/([^/]+)\//.exec(response.headers.get('location') ?? '')?.[1] ?? 'dev'
    knownIds.push({ id: String(body.id), environment: decodeURIComponent(environment) })
  }
  stack.clock.advance(1_234)
}

const direct = async (request: FuzzRequest): Promise<ReadResponse | null> => {
  const built = toRequest(request, 'http://fuzz.test')
  if (built === null) return null
  const response = await stack.handler(built)
  return { status: response.status, headers: response.headers, text: await response.text() }
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
  it(`${DIRECT} generated requests straight into the handler`, { timeout: 1_800_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(requestPlan, async (plan) => {
        await exchange(resolvePlan(plan, knownIds), direct)
        if (sent % 1000 === 0) await healthy(direct)
      }),
      propertyParameters(DIRECT),
    )
    await healthy(direct)
    expect(unsendable, 'almost every generated request is sendable').toBeLessThan(DIRECT / 100)
    expect(stack.reported, 'no 500 or 503 was reported').toEqual([])
    expect(({} as Record<string, unknown>).polluted, 'no prototype pollution').toBeUndefined()
  })

  describe('over a real socket (toNodeListener)', () => {
    let server: Server
    let origin: string
    beforeAll(async () => {
      server = createServer(toNodeListener(stack.handler))
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })
    const overSocket = async (request: FuzzRequest): Promise<ReadResponse | null> => {
      const built = toRequest(request, origin)
      if (built === null) return null
      const response = await fetch(built)
      return { status: response.status, headers: response.headers, text: await response.text() }
    }

    it(`${OVER_SOCKET} generated requests through fetch`, { timeout: 600_000 }, async () => {
      const standardMethod = (m: string) =>
        ['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'].includes(m)
      await fc.assert(
        fc.asyncProperty(
          requestPlan.filter((plan) => standardMethod(plan.method)),
          async (plan) => exchange(resolvePlan(plan, knownIds), overSocket),
        ),
        propertyParameters(OVER_SOCKET),
      )
      await healthy(overSocket)
    })

    it.each(rawExchanges)('raw socket: $name', { timeout: 60_000 }, async ({ run }) => {
      const before = await stack.fingerprint()
      const port = (server.address() as AddressInfo).port
      await run(port)
      sent++
      lastSeen = await stack.fingerprint()
      expect(lastSeen, 'nothing changed').toEqual(before)
      await healthy(overSocket)
    })
  })

  it('leaves no unhandled rejection and every stored invariant intact', async () => {
    expect(unhandled).toEqual([])
    figures = checkStoredInvariants(await stack.stored())
    expect(figures.dataLost).toBe(0)
  })
})
