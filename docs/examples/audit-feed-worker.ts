import { createKyselyAdapters } from 'flag-experiments/kysely'
import { db, loadCursor, postWithRetry, saveCursor, sleep } from './your-host.js'

const { auditLog } = createKyselyAdapters(db, { schema: 'experiments' })

export async function deliverChanges(environmentId: string): Promise<void> {
  for (;;) {
    const cursor = await loadCursor(environmentId) // your table; null the first time
    const page = await auditLog.entriesSince(cursor, 100, { environmentId })
    if (page.isErr()) throw new Error(`audit feed refused the stored cursor: ${page.error.code}`)
    for (const entry of page.value.entries) {
      // retry until the receiver accepts: a crash here means this page is sent again
      await postWithRetry('https://hooks.example.com/experiments', entry, { 'Idempotency-Key': entry.id })
    }
    await saveCursor(environmentId, page.value.nextCursor) // only after the whole page was delivered
    if (page.value.entries.length === 0) await sleep(5_000)
  }
}
