import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/** Metric names are unique ignoring case, the Greek final sigma included. */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

describe('metric names over HTTP', () => {
  it.each([
    ['ΣΟΦΟΣ x', 'σοφος x'],
    ['STRAẞE', 'straße'],
    ['ﬁle', 'FILE'],
  ])('refuses %s once %s exists with 409 metric_name_taken', async (first, second) => {
    await api.createMetric({ name: second })
    const response = await api.request('POST', 'dev/metrics/', {
      json: { name: first, event: 'checkout', aggregation: 'occurrence', direction: 'up' },
    })
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({ code: 'metric_name_taken', name: first })
  })
})
