import { createMemoryAdapters } from '../../src/memory.js'
import { auditFeedContract } from '../contract/audit-feed-contract.js'

auditFeedContract(() => {
  const { repository, metrics, auditLog } = createMemoryAdapters({ environments: [], features: [] })
  return Promise.resolve({ feed: auditLog, repository, metrics, close: () => Promise.resolve() })
})
