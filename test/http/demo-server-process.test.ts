import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterEach, expect, it } from 'vitest'
import { openApiDocument } from '../../src/http.js'
import { readResponse } from './support/api-client.js'
import { createContractCheck } from './support/contract-check.js'

let child: ChildProcess | undefined
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL')
})

/** Starts `npm start`'s script on a free port; resolves to its base URL once it listens. */
async function startDemo(): Promise<{ process: ChildProcess; baseUrl: string; output: () => string }> {
  const started = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, PORT: '0', DATABASE_URL: '', PGLITE_DATA_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child = started
  let output = ''
  started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const baseUrl = await new Promise<string>((resolve, reject) => {
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(http:\/\/localhost:\d+\/api\/v1)/.exec(output)
      if (match?.[1] !== undefined && /curl /.test(output)) resolve(match[1])
    })
    started.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${output}`)))
  })
  return { process: started, baseUrl, output: () => output }
}

it('npm start serves the fixture, prints a curl example and exits 0 on SIGTERM', async () => {
  const demo = await startDemo()
  expect(demo.output()).toMatch(/embedded PGlite \(in memory\)/)
  expect(demo.output()).toMatch(
    /curl -H 'Authorization: Bearer admin' http:\/\/localhost:\d+\/api\/v1\/environments\/dev\/experiments\//,
  )

  const url = new URL(`${demo.baseUrl}/environments/dev/experiments/`)
  const response = await readResponse(
    await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
      body: JSON.stringify({ feature: 1, name: 'From the demo', hypothesis: 'It works.' }),
    }),
  )
  createContractCheck(openApiDocument({ basePath: '/api/v1' }))('POST', url, response)
  expect(response.status).toBe(201)

  const served = (await (await fetch(`${demo.baseUrl}/openapi.json`)).json()) as Parameters<
    Validator['validate']
  >[0]
  expect((await new Validator().validate(served)).valid).toBe(true)

  const exited = once(demo.process, 'exit')
  demo.process.kill('SIGTERM')
  const [code] = (await exited) as [number | null]
  expect(code).toBe(0)
}, 60_000)
