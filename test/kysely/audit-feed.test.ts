import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { createKyselyAdapters, migrateToLatest } from '../../src/kysely.js'
import { auditFeedContract, requestFor } from '../contract/audit-feed-contract.js'
import { openTestDatabase } from '../support/database.js'
import { ACTOR, migrateTo, serviceWith } from './kysely-fixture.js'

auditFeedContract(async () => {
  const database = await openTestDatabase()
  const { repository, metrics, auditLog } = createKyselyAdapters(database.db, { schema: database.schema })
  return { feed: auditLog, repository, metrics, close: () => database.close() }
})

const DATABASE_URL = process.env.DATABASE_URL ?? ''
const input = { feature: '1', name: 'Checkout test', hypothesis: 'Shorter converts better.' }

it('feeds the entries written before the upgrade in their order, and the upgrade can be undone', async () => {
  const database = await openTestDatabase({ migrate: false })
  try {
    await migrateTo(database, '0003_experiment_data')
    // Rows as the 0003 release wrote them (today's code writes columns later migrations add).
    const first = randomUUID()
    await database.query(
      `insert into "${database.schema}".flag_experiments (id, environment_id, feature_id, name, hypothesis,
         status, created_at, updated_at, version, traffic_percentage, allocations)
       values ($1, 'env-dev', '1', 'Old', 'Old.', 'created', now(), now(), 1, 100,
         '[{"variant": "control", "weight": 50}, {"variant": "treatment", "weight": 50}]')`,
      [first],
    )
    const before = [auditRow(database.schema, first), auditRow(database.schema, first)]
    for (const row of before) await database.query(row.text, row.values)
    await migrateToLatest(database.db, { schema: database.schema })
    const adapters = createKyselyAdapters(database.db, { schema: database.schema })
    const service = serviceWith(adapters)
    const { id: second } = (await service.create(ACTOR, 'dev', { ...input, feature: '2' }))._unsafeUnwrap()
    const page = await adapters.auditLog.entriesSince(requestFor(null, 100))
    expect(page.entries.map((e) => [e.id, e.subject.id, e.action])).toEqual([
      [before[0]?.values[0], first, 'updated'],
      [before[1]?.values[0], first, 'updated'],
      [expect.any(String), second, 'created'],
    ])
    expect(page.entries.map((e) => e.id)).toEqual((await adapters.auditLog.entries()).map((e) => e.id))
    await migrateTo(database, '0003_experiment_data')
    const columns = await database.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = $1
        and table_name = 'flag_experiments_audit' and column_name = 'txid'`,
      [database.schema],
    )
    expect(columns).toEqual([])
  } finally {
    await database.close()
  }
})

/** An audit row written straight into the table, for the experiment `experimentId`. */
function auditRow(schema: string, experimentId: string) {
  return {
    text: `insert into "${schema}".flag_experiments_audit (id, subject_type, subject_id, experiment_id,
        environment_id, project_id, action, actor_type, actor_id, message, changes, at)
      values ($1, 'experiment', $2, $2, 'env-dev', 'p1', 'updated', 'user', 'u1', 'm', '{}', now())`,
    values: [randomUUID(), experimentId],
  }
}

// Two connections: one transaction stays open while another commits after it.
it.runIf(DATABASE_URL !== '')(
  "holds back an open transaction's entry rather than skipping it when a later one commits first",
  async () => {
    const database = await openTestDatabase()
    const pg = await import('pg')
    const slow = new pg.default.Client({ connectionString: DATABASE_URL })
    const fast = new pg.default.Client({ connectionString: DATABASE_URL })
    await slow.connect()
    await fast.connect()
    try {
      const adapters = createKyselyAdapters(database.db, { schema: database.schema })
      const { id: experimentId } = (await serviceWith(adapters).create(ACTOR, 'dev', input))._unsafeUnwrap()
      const { auditLog } = adapters
      const start = (await auditLog.entriesSince(requestFor(null, 100))).nextCursor

      const slowRow = auditRow(database.schema, experimentId)
      const fastRow = auditRow(database.schema, experimentId)
      await slow.query('begin')
      await slow.query(slowRow.text, slowRow.values)
      await fast.query(fastRow.text, fastRow.values)

      // The later entry has committed, but an earlier transaction is still open: nothing yet.
      const held = await auditLog.entriesSince(requestFor(start, 100))
      expect(held).toEqual({ entries: [], nextCursor: start })

      await slow.query('commit')
      const after = await auditLog.entriesSince(requestFor(held.nextCursor, 100))
      expect(after.entries.map((e) => e.id)).toEqual([slowRow.values[0], fastRow.values[0]])
    } finally {
      await slow.query('rollback').catch(() => undefined)
      await slow.end()
      await fast.end()
      await database.close()
    }
  },
)
