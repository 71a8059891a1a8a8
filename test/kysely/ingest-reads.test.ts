import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKyselyAdapters } from '../../src/kysely.js'
import { MAX_INGEST_BATCH, type ExperimentService } from '../../src/index.js'
import { openTestDatabase, type TestDatabase } from '../support/database.js'
import { ACTOR, serviceWith } from './kysely-fixture.js'
import { instrumentedDialect, type InstrumentedDialect } from './instrumented-dialect.js'

/**
 * Checking a batch of exposures against the experiments it names is one statement per batch on
 * the database, whatever the number of experiments, and ids Postgres cannot cast never reach it.
 */
let database: TestDatabase
let probe: InstrumentedDialect
let service: ExperimentService
beforeEach(async () => {
  database = await openTestDatabase()
  probe = instrumentedDialect()
  service = serviceWith(createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema }))
})
afterEach(async () => {
  await database.close()
})

const at = '2026-01-01T00:00:01Z'
const input = { feature: '1', name: 'Checkout test', hypothesis: 'Shorter converts better.' }

async function startedExperiment(feature: string): Promise<string> {
  const { id } = (await service.create(ACTOR, 'dev', { ...input, feature }))._unsafeUnwrap()
  ;(await service.start(ACTOR, 'dev', id))._unsafeUnwrap()
  return id
}

/** How many statements `run` sent to the database. */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const before = probe.statements.length
  await run()
  return probe.statements.length - before
}

describe('exposure batch validation on the database', () => {
  it('takes one statement for 1000 distinct random experiment ids, naming every bad item', async () => {
    const id = await startedExperiment('1')
    const exposures = Array.from({ length: MAX_INGEST_BATCH }, (_, index) => ({
      experiment: index === 7 ? id.toUpperCase() : crypto.randomUUID(),
      identity: `u${index}`,
      variant: 'treatment',
      at,
    }))
    let issues: readonly { path: string }[] = []
    const statements = await statementsOf(async () => {
      const refused = (await service.recordExposures(ACTOR, 'dev', { exposures }))._unsafeUnwrapErr()
      if (refused.code === 'validation_failed') issues = refused.issues
    })
    expect(statements).toBe(1)
    expect(issues).toHaveLength(MAX_INGEST_BATCH - 1)
    expect(issues.map((issue) => issue.path)).not.toContain('exposures.7.experiment')
    expect(issues[0]).toEqual({
      path: 'exposures.0.experiment',
      message: 'No such experiment in this environment.',
    })
  })

  it('takes one statement for a batch over several experiments, and keeps each check', async () => {
    const [first, second] = [await startedExperiment('1'), await startedExperiment('2')]
    const { id: created } = (await service.create(ACTOR, 'dev', { ...input, feature: '3' }))._unsafeUnwrap()
    const exposures = [
      { experiment: first, identity: 'a', variant: 'control', at },
      { experiment: second, identity: 'b', variant: 'purple', at },
      { experiment: created, identity: 'c', variant: 'control', at },
      { experiment: second, identity: 'd', variant: 'treatment', at },
    ]
    let refused: unknown
    expect(
      await statementsOf(async () => {
        refused = (await service.recordExposures(ACTOR, 'dev', { exposures }))._unsafeUnwrapErr()
      }),
    ).toBe(1)
    expect(refused).toMatchObject({
      code: 'validation_failed',
      issues: [
        {
          path: 'exposures.1.variant',
          message: 'purple is not a variant of the experiment (control, treatment).',
        },
        { path: 'exposures.2.experiment', message: 'The experiment has not started.' },
      ],
    })
  })

  it('never sends a non-UUID id to the database, and answers ids the query cannot match as unknown', async () => {
    const { repository } = createKyselyAdapters(database.openKysely(probe.wrap), { schema: database.schema })
    const statements = await statementsOf(() =>
      repository.ingestionTargets('env-dev', ['not-a-uuid', "'); drop table x; --", '']),
    )
    expect(statements).toBe(0)
  })
})
