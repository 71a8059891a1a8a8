import { createKyselyAdapters } from 'flag-experiments/kysely'
import { db, schema, toRow } from './your-host.js'

export const adapters = createKyselyAdapters(db, {
  schema,
  auditLog: {
    append: async (entry, trx) => {
      await trx.insertInto('auditLog').values(toRow(entry)).execute()
    },
  },
})
