import { afterEach, describe, expect, it } from 'vitest'
import { authenticateBearer } from '../../demo/fixture.js'
import { createHttpHandler } from '../../src/http.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

let api: MemoryApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

/** A create body of exactly `size` bytes: valid JSON padded with spaces. */
function bodyOfSize(size: number): string {
  const json = JSON.stringify({ feature: 1, name: 'Padded', hypothesis: 'Limits are configurable.' })
  return json + ' '.repeat(size - json.length)
}

describe('maxBodyBytes', () => {
  it.each([
    [1024, '1 KiB'],
    [256 * 1024, '256 KiB'],
    [1000, '1000 bytes'],
  ])('accepts a body of exactly %i bytes and refuses one byte more, naming %s', async (limit, named) => {
    api = await startMemoryApi(undefined, { maxBodyBytes: limit })
    const headers = { 'content-type': 'application/json' }
    const over = await api.request('POST', 'dev/experiments/', { raw: bodyOfSize(limit + 1), headers })
    expect(over.status).toBe(413)
    expect(over.body).toMatchObject({
      code: 'payload_too_large',
      detail: `The request body is larger than ${named}.`,
    })
    const exact = await api.request('POST', 'dev/experiments/', { raw: bodyOfSize(limit), headers })
    expect(exact.status).toBe(201)
  })

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %s when the handler is created',
    async (maxBodyBytes) => {
      api = await startMemoryApi()
      const service = api.service
      expect(() => createHttpHandler({ service, authenticate: authenticateBearer, maxBodyBytes })).toThrow(
        RangeError,
      )
    },
  )
})
