import { afterEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/index.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

/** A server whose `authenticate` answers `answer` for every request, with the reports it made. */
async function serveAuthenticating(answer: unknown): Promise<{ api: MemoryApi; reported: unknown[] }> {
  const reported: unknown[] = []
  api = await startMemoryApi(undefined, {
    authenticate: () => answer as Actor | null,
    onError: (error) => reported.push(error),
  })
  return { api, reported }
}

describe("a malformed actor from the host's authenticate", () => {
  it.each([
    ['an unknown actor type', { type: 'robot', id: '1' }],
    ['an empty id', { type: 'user', id: '' }],
    ['no id', { type: 'user' }],
    ['a number id', { type: 'user', id: 1 }],
    ['a string', 'admin'],
    ['a number', 42],
    ['an array', [{ type: 'user', id: '1' }]],
  ])('is a host bug: %s answers 500 and is reported to onError', async (_label, answer) => {
    const { api, reported } = await serveAuthenticating(answer)
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(500)
    expect(response.body.code).toBe('internal_error')
    expect(JSON.stringify(response.body)).not.toMatch(/authenticate|robot/)
    expect(reported).toHaveLength(1)
    expect(reported[0]).toBeInstanceOf(TypeError)
    expect(String((reported[0] as Error).message)).toMatch(
      /the host's authenticate returned an invalid actor/,
    )
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('%s is still "nobody": 401 unauthenticated, nothing reported', async (_label, answer) => {
    const { api, reported } = await serveAuthenticating(answer)
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('unauthenticated')
    expect(reported).toEqual([])
  })

  it('a well-formed actor the policy refuses is still a plain 403', async () => {
    const { api, reported } = await serveAuthenticating({ type: 'user', id: '2' })
    const response = await api.request('GET', 'dev/experiments/')
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('forbidden')
    expect(reported).toEqual([])
  })
})
