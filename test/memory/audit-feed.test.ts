import { expect, it } from 'vitest'
import { createExperimentService } from '../../src/index.js'
import { createMemoryAdapters } from '../../src/memory.js'
import { auditFeedContract, requestFor } from '../contract/audit-feed-contract.js'

auditFeedContract(() => {
  const { repository, metrics, auditLog } = createMemoryAdapters({ environments: [], features: [] })
  return Promise.resolve({ feed: auditLog, repository, metrics, close: () => Promise.resolve() })
})

// The README's webhook worker: keep the cursor only after a page was delivered; a crash in the
// middle of a page sends it again, and the receiver drops repeats by entry id.
it('delivers every entry at least once to a worker that crashes mid-page, and exactly once by id', async () => {
  const environments = [{ id: 'env-dev', key: 'dev', name: 'Development', projectId: 'p1' }]
  const features = [{ id: '1', name: 'f1', projectId: 'p1', type: 'multivariate' as const }]
  const adapters = createMemoryAdapters({ environments, features })
  const service = createExperimentService(adapters)
  const actor = { type: 'user', id: 'u1' } as const
  const input = { feature: '1', name: 'Checkout test', hypothesis: 'It helps.' }
  const { id } = (await service.create(actor, 'dev', input))._unsafeUnwrap()
  ;(await service.start(actor, 'dev', id))._unsafeUnwrap()
  ;(await service.pause(actor, 'dev', id))._unsafeUnwrap()
  ;(await service.start(actor, 'dev', id))._unsafeUnwrap()
  ;(await service.complete(actor, 'dev', id))._unsafeUnwrap()

  const received: string[] = []
  let stored: string | null = null
  let crashes = 2
  const deliverOnce = async () => {
    const page = await adapters.auditLog.entriesSince(requestFor(stored, 2), { environmentId: 'env-dev' })
    for (const entry of page.entries) {
      received.push(entry.id)
      if (received.length % 3 === 0 && crashes-- > 0) throw new Error('worker crashed')
    }
    stored = page.nextCursor
    return page.entries.length
  }
  for (let round = 0; round < 20; round++) {
    const delivered = await deliverOnce().catch(() => -1)
    if (delivered === 0) break
  }

  const all = adapters.auditLog.entries().map((e) => e.id)
  expect(all).toHaveLength(5)
  expect(received.length).toBeGreaterThan(all.length)
  expect([...new Set(received)]).toEqual(all)
})
