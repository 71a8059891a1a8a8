import { createExperimentService } from 'flag-experiments'
import { createKyselyAdapters } from 'flag-experiments/kysely'
import { actor, db, features, id, note, permissions, schema } from './your-host.js'

await db.transaction().execute(async (trx) => {
  const service = createExperimentService({ ...createKyselyAdapters(trx, { schema }), features, permissions })
  const started = await service.start(actor, 'prod', id)
  if (started.isErr()) throw new Error(started.error.code) // rolls back your insert too
  await trx.insertInto('releaseNotes').values(note).execute()
})
