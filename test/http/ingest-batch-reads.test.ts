import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_INGEST_BATCH } from '../../src/index.js'
import { startMemoryApi, type MemoryApi } from './support/memory-api.js'

/**
 * A batch of exposures is checked against the experiments it names with one read for the whole
 * batch: naming a thousand experiments (random ids) costs one read, not a thousand.
 */
let api: MemoryApi
beforeEach(async () => {
  api = await startMemoryApi()
})
afterEach(() => api.close())

const at = '2026-01-01T00:00:01Z'

describe('POST …/exposures/ naming many experiments', () => {
  it('reads the experiments of a 1000-item batch of random ids once and names each bad item', async () => {
    const created = await api.create({ feature: 4 })
    expect((await api.request('POST', `dev/experiments/${created.id}/start/`)).status).toBe(200)
    const exposures = Array.from({ length: MAX_INGEST_BATCH }, (_, index) => ({
      experiment: index === 3 ? created.id : crypto.randomUUID(),
      identity: `u${index}`,
      variant: 'control',
      at,
    }))
    const find = vi.spyOn(api.adapters.repository, 'find')
    const targets = vi.spyOn(api.adapters.repository, 'ingestionTargets')

    const refused = await api.request('POST', 'dev/exposures/', { json: { exposures } })

    expect(refused.status).toBe(400)
    const paths = (refused.body.issues as { path: string }[]).map((issue) => issue.path)
    expect(paths).toHaveLength(MAX_INGEST_BATCH - 1)
    expect(paths).not.toContain('exposures.3.experiment')
    expect(paths.slice(0, 4)).toEqual([
      'exposures.0.experiment',
      'exposures.1.experiment',
      'exposures.2.experiment',
      'exposures.4.experiment',
    ])
    expect(find).not.toHaveBeenCalled()
    expect(targets).toHaveBeenCalledTimes(1)
    expect(targets.mock.calls[0]?.[1]).toHaveLength(MAX_INGEST_BATCH)
  })

  it('reads once for a valid batch naming several experiments, each read once', async () => {
    const ids: string[] = []
    for (const feature of [1, 4]) {
      const created = await api.create({ feature })
      expect((await api.request('POST', `dev/experiments/${created.id}/start/`)).status).toBe(200)
      ids.push(created.id)
    }
    const exposures = Array.from({ length: 10 }, (_, index) => ({
      experiment: ids[index % 2],
      identity: `u${index}`,
      variant: 'control',
      at,
    }))
    const targets = vi.spyOn(api.adapters.repository, 'ingestionTargets')
    const stored = await api.request('POST', 'dev/exposures/', { json: { exposures } })
    expect(stored.body).toEqual({ accepted: 10, duplicates: 0 })
    expect(targets).toHaveBeenCalledTimes(1)
    expect(targets.mock.calls[0]?.[1]).toEqual(ids)
  })
})
