/**
 * The demo server, `npm start`: the HTTP API (README, *HTTP API*) on the fixture of demo/fixture.ts, under
 * `/api/v1`, and the results console at `/console`, on embedded PGlite (or `DATABASE_URL`, in schema `DEMO_SCHEMA`, default
 * `flag_experiments_demo`), listening on `PORT` (default 3000). Every 5 seconds it performs the
 * scheduled starts and completions that are due (`service.runScheduled()`), as a host's cron
 * job would; the timer stops on shutdown. `EXPERIMENT_DATA=clickhouse` puts exposures, events and
 * results on ClickHouse (demo/demo-clickhouse.ts).
 *
 * @packageDocumentation
 */
import { createServer } from 'node:http'
import { toNodeListener } from '../src/http.js'
import {
  DEMO_BASE_PATH,
  DEMO_CONSOLE_PATH,
  createDemoHandler,
  createDemoService,
  openDemoDatabase,
  startDemoScheduler,
} from './demo-app.js'
import { openDemoExperimentData } from './demo-clickhouse.js'

const port = Number(process.env.PORT ?? 3000)
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(process.env.PORT)}`)
  process.exit(1)
}

const database = await openDemoDatabase()
const data = await openDemoExperimentData()
const service = createDemoService(database, undefined, data?.experimentData)
const handler = createDemoHandler(service, (error) => console.error('request failed:', error))
const server = createServer(toNodeListener(handler))
const stopScheduler = startDemoScheduler(service)

server.listen(port, () => {
  const address = server.address()
  const actual = typeof address === 'object' && address !== null ? address.port : port
  const url = `http://localhost:${actual}${DEMO_BASE_PATH}`
  const on = data === null ? database.description : `${database.description}, results on ${data.description}`
  console.log(`flag-experiments demo on ${on}: ${url}`)
  console.log(`try: curl -H 'Authorization: Bearer admin' ${url}/environments/dev/experiments/`)
  console.log(`console: http://localhost:${actual}${DEMO_CONSOLE_PATH} (token: admin, environment: dev)`)
})

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`${signal}: shutting down`)
  await stopScheduler()
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  await closed
  await database.close()
  await data?.close()
  process.exit(0)
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    shutdown(signal).catch((error: unknown) => {
      console.error('shutdown failed:', error)
      process.exit(1)
    })
  })
}
