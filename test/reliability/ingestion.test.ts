import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import type { HttpHandler } from '../../src/http.js'
import type { Actor, ExperimentService } from '../../src/index.js'
import { openFaultStack } from './faults/fault-stack.js'
import { seededRandom } from './faults/workload.js'
import { count, report } from './support/counts.js'
import { BASE_PATH, openDemoStack } from './support/demo-stack.js'

/**
 * Ingestion as clients really send it: the same batch retried concurrently, and (on Postgres)
 * batches sent while the pool's backends are being terminated, each retried until acknowledged.
 * Nothing acknowledged is lost and nothing is stored twice.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? ''
const SEED = Number(process.env.RELIABILITY_SEED ?? 20_261_124)
const RETRIES = count('INGEST_RETRIES', { quick: 4, ci: 8, long: 32 })
const BATCHES = count('INGEST_BATCHES', { quick: 10, ci: 40, long: 400 })
const ADMIN: Actor = { type: 'user', id: '1' }

/** A running experiment on feature 4 of `dev`, with one metric counting `purchase`. */
async function runningExperiment(service: ExperimentService): Promise<string> {
  const metric = await service.createMetric(ADMIN, 'dev', {
    name: `Purchases ${randomUUID().slice(0, 8)}`,
    event: 'purchase',
    aggregation: 'count',
    direction: 'up',
  })
  if (metric.isErr()) throw new Error(`metric: ${metric.error.code}`)
  const active = await service.list(ADMIN, 'dev', { feature: '4', status: ['created', 'running', 'paused'] })
  for (const experiment of active.isOk() ? active.value.results : []) {
    const done =
      experiment.status === 'created'
        ? await service.delete(ADMIN, 'dev', experiment.id)
        : await service.complete(ADMIN, 'dev', experiment.id)
    if (done.isErr()) throw new Error(`clearing the feature: ${done.error.code}`)
  }
  const created = await service.create(ADMIN, 'dev', {
    feature: '4',
    name: 'Ingestion',
    hypothesis: 'h',
    metrics: [{ metric: metric.value.id, role: 'primary', expectedDirection: 'increase' }],
  })
  if (created.isErr()) throw new Error(`create: ${created.error.code}`)
  const started = await service.start(ADMIN, 'dev', created.value.id)
  if (started.isErr()) throw new Error(`start: ${started.error.code}`)
  return created.value.id
}

/** Posts one batch; resolves to the status and the parsed body. */
async function post(handler: HttpHandler, kind: 'exposures' | 'events', items: readonly unknown[]) {
  const response = await handler(
    new Request(`http://ingest.test${BASE_PATH}/environments/dev/${kind}/`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
      body: JSON.stringify({ [kind]: items }),
    }),
  )
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const eventsFor = (prefix: string, n: number, at: string) =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    identity: `${prefix}-${i}`,
    event: 'purchase',
    value: i,
    at,
  }))

describe('concurrent retries of one batch over HTTP', () => {
  it(`stores ${RETRIES} racing copies of a batch once`, { timeout: 120_000 }, async () => {
    const stack = await openDemoStack()
    try {
      const id = await runningExperiment(stack.service)
      const at = stack.clock.now().toISOString()
      const events = eventsFor('racer', 500, at)
      const exposures = events.map((e, i) => ({
        experiment: id,
        identity: e.identity,
        variant: i % 2 === 0 ? 'control' : 'treatment',
        at,
      }))
      for (const [kind, items] of [
        ['exposures', exposures],
        ['events', events],
      ] as const) {
        const answers = await Promise.all(
          Array.from({ length: RETRIES }, () => post(stack.handler, kind, items)),
        )
        expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202))
        const accepted = answers.reduce((sum, a) => sum + Number(a.body.accepted), 0)
        expect(accepted, `${kind}: accepted once in all`).toBe(items.length)
        for (const a of answers)
          expect(Number(a.body.accepted) + Number(a.body.duplicates)).toBe(items.length)
      }
      const [stored] = await stack.database.query<{
        events: number
        distinct_ids: number
        exposures: number
      }>(
        `select (select count(*)::int from "${stack.database.schema}"."flag_experiments_events") as events,
                (select count(distinct id)::int from "${stack.database.schema}"."flag_experiments_events") as distinct_ids,
                (select count(*)::int from "${stack.database.schema}"."flag_experiments_exposures") as exposures`,
      )
      expect(stored).toEqual({ events: 500, distinct_ids: 500, exposures: 500 })
      report('ingestion/retries', { copies: RETRIES, items: 1000, stored: stored?.events ?? 0 })
    } finally {
      await stack.close()
    }
  })
})

describe.runIf(DATABASE_URL !== '')('ingestion under pg_terminate_backend', () => {
  it('loses nothing acknowledged and stores nothing twice', { timeout: 300_000 }, async () => {
    const applicationName = `fx-ingest-${randomUUID().slice(0, 8)}`
    const stack = await openFaultStack(
      { kind: 'postgres', url: DATABASE_URL, applicationName },
      { hostAuditSink: false },
    )
    const killer = new pg.Client({ connectionString: DATABASE_URL })
    await killer.connect()
    const random = seededRandom(SEED + 30)
    const figures = {
      batches: 0,
      attempts: 0,
      unavailable: 0,
      terminated: 0,
      acknowledged: 0,
      /** Items a retry found already stored: the answer to an earlier attempt was lost. */
      duplicatesOnRetry: 0,
    }
    try {
      const id = await runningExperiment(stack.service)
      const at = new Date().toISOString()
      // One query at a time on the killer's connection, whichever client asks for a kill.
      let killing = Promise.resolve()
      const terminate = () => (killing = killing.then(kill))
      const kill = async () => {
        const { rows } = await killer.query<{ n: number }>(
          // Victims are chosen first (materialized), so only this test's own pool is ever hit.
          `with victims as materialized (
             select pid from pg_stat_activity
              where application_name = $1 and datname = current_database() and pid <> pg_backend_pid()
           )
           select count(*) filter (where pg_terminate_backend(pid))::int as n from victims`,
          [applicationName],
        )
        figures.terminated += rows[0]?.n ?? 0
      }
      /** Sends a batch as a client would: again after every 503, until it is acknowledged. */
      const deliver = async (kind: 'exposures' | 'events', items: readonly unknown[], resent = 0) => {
        for (let attempt = 1; ; attempt++) {
          figures.attempts++
          const sending = post(stack.handler, kind, items)
          if (random() < 0.3) await terminate()
          const answer = await sending
          if (answer.status === 202) {
            figures.acknowledged += items.length
            if (attempt > 1) figures.duplicatesOnRetry += Math.max(0, Number(answer.body.duplicates) - resent)
            return
          }
          expect(answer.status, JSON.stringify(answer.body)).toBe(503)
          figures.unavailable++
          if (attempt > 50) throw new Error(`${kind} batch never acknowledged`)
          await new Promise((resolve) => setTimeout(resolve, 10))
        }
      }
      const batches = Array.from({ length: BATCHES }, (_, b) => eventsFor(`b${b}`, 100, at))
      // Four clients at a time, each batch's exposures then its events (events repeat some ids
      // of the previous batch, as a client resending a page it was unsure of would).
      let next = 0
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let b = next++; b < batches.length; b = next++) {
            const events = batches[b] ?? []
            const exposures = events.map((e, i) => ({
              experiment: id,
              identity: e.identity,
              variant: i % 2 === 0 ? 'control' : 'treatment',
              at,
            }))
            await deliver('exposures', exposures)
            const resent = batches[b - 1]?.slice(0, 10) ?? []
            await deliver('events', [...events, ...resent], resent.length)
            figures.batches++
          }
        }),
      )
      expect(figures.terminated, 'backends were terminated').toBeGreaterThan(0)
      const schema = `"${stack.schema}"`
      const { rows } = await killer.query<{ events: number; distinct_ids: number; exposures: number }>(
        `select (select count(*)::int from ${schema}.flag_experiments_events) as events,
                (select count(distinct id)::int from ${schema}.flag_experiments_events) as distinct_ids,
                (select count(*)::int from ${schema}.flag_experiments_exposures) as exposures`,
      )
      const expected = BATCHES * 100
      expect(rows[0], 'every acknowledged item stored exactly once').toEqual({
        events: expected,
        distinct_ids: expected,
        exposures: expected,
      })
      const results = await stack.service.results(ADMIN, 'dev', id)
      expect(results.isOk() && results.value.variants.reduce((sum, v) => sum + v.exposures, 0)).toBe(expected)
    } finally {
      report('ingestion/pg_terminate_backend', figures)
      await killer.end()
      await stack.close()
    }
  })
})
