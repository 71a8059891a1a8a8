import { parseAuditFeedInput } from 'flag-experiments'
import { createKyselyAdapters } from 'flag-experiments/kysely'
import { db, loadCursor, postWithRetry, saveCursor, sleep } from './your-host.js'

const { auditLog } = createKyselyAdapters(db, { schema: 'experiments' })

export async function deliverChanges(environmentId: string): Promise<void> {
  for (;;) {
    const cursor = await loadCursor(environmentId) // your table; null the first time
    const request = parseAuditFeedInput({ cursor: cursor ?? undefined, limit: 100 })
    if (request.isErr()) throw new Error('the stored cursor is not a cursor of this audit feed')
    const page = await auditLog.entriesSince(request.value, { environmentId })
    for (const entry of page.entries) {
      // retry until the receiver accepts: a crash here means this page is sent again
      await postWithRetry('https://hooks.example.com/experiments', entry, { 'Idempotency-Key': entry.id })
    }
    await saveCursor(environmentId, page.nextCursor) // only after the whole page was delivered
    if (page.entries.length === 0) await sleep(5_000)
  }
}
