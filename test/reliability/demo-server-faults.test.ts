import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { report } from './support/counts.js'

/**
 * The demo server (`npm start` with `DATABASE_URL`) on a real Postgres server whose backends are
 * terminated (an admin, a failover, an idle-connection reaper): it must keep serving. Runs in
 * its own throwaway database, so nothing the demo stores touches anyone else's data.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? ''

describe.runIf(DATABASE_URL !== '')('demo server on Postgres under pg_terminate_backend', () => {
  const database = `fx_reliability_${randomUUID().replace(/-/g, '').slice(0, 10)}`
  const applicationName = `fx-demo-${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  let child: ChildProcess | undefined
  let baseUrl = ''
  let output = ''
  let terminated = 0

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`create database ${database}`)
    const url = new URL(DATABASE_URL)
    url.pathname = `/${database}`
    url.searchParams.set('application_name', applicationName)
    const started = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      cwd: new URL('../..', import.meta.url),
      env: { ...process.env, PORT: '0', DATABASE_URL: url.toString() },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    baseUrl = await new Promise<string>((resolve, reject) => {
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /(http:\/\/localhost:\d+\/api\/v1)/.exec(output)
        if (match?.[1] !== undefined && /curl /.test(output)) resolve(match[1])
      })
      started.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${output}`)))
    })
  }, 120_000)

  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL')
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
    report('demo-server-faults', { terminated, survived: child?.exitCode === null ? 1 : 0 })
  })

  async function terminateAll(): Promise<number> {
    const { rows } = await admin.query<{ n: number }>(
      `with victims as materialized (
         select pid from pg_stat_activity where application_name = $1 and datname = $2 and pid <> pg_backend_pid()
       )
       select count(*) filter (where pg_terminate_backend(pid))::int as n from victims`,
      [applicationName, database],
    )
    // Wait (on the server's own state, not the clock) until every victim is gone.
    for (;;) {
      const left = await admin.query(
        'select 1 from pg_stat_activity where application_name = $1 and datname = $2',
        [applicationName, database],
      )
      if (left.rowCount === 0) break
    }
    return rows[0]?.n ?? 0
  }

  it('keeps serving after its idle connections are terminated', { timeout: 120_000 }, async () => {
    const list = () =>
      fetch(`${baseUrl}/environments/dev/experiments/`, { headers: { authorization: 'Bearer admin' } })
    expect((await list()).status).toBe(200)
    for (let round = 0; round < 3; round++) {
      terminated += await terminateAll()
      const statuses: number[] = []
      for (let i = 0; i < 5; i++)
        statuses.push(
          await list().then(
            (r) => r.status,
            () => 0,
          ),
        )
      const crash = output
        .split('\n')
        .filter((line) => /error|exit/i.test(line))
        .slice(0, 4)
        .join(' | ')
      expect(child?.exitCode ?? null, `the demo crashed (exit ${child?.exitCode}): ${crash}`).toBeNull()
      expect(statuses.at(-1), `answers after round ${round}: ${statuses.join(',')}`).toBe(200)
      expect(
        statuses.every((s) => s === 200 || s === 503),
        statuses.join(','),
      ).toBe(true)
    }
    expect(terminated).toBeGreaterThan(0)
  })
})
