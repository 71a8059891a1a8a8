import type { Kysely, Transaction } from 'kysely'
import * as vitest from 'vitest'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createExperimentService,
  type AuditEntry,
  type AuditFeed,
  type AuditLog,
  type ExperimentData,
  type ExperimentRepository,
  type MetricRepository,
  type ResultsHistory,
} from '../../src/index.js'
import { createKyselyAdapters, migrateToLatest, type KyselyAuditLog } from '../../src/kysely.js'
import { createMemoryAdapters } from '../../src/memory.js'
import type {
  FeatureLookupFixture,
  PermissionPolicyFixture,
  RepositoryFixture,
  TestApi,
} from '../../src/testing.js'
import { testExperimentRepository, testFeatureLookup, testPermissionPolicy } from '../../src/testing.js'

interface HostDatabase {
  hostAudit: { subjectId: string; entry: string }
}
declare const db: Kysely<HostDatabase>
declare const trx: Transaction<HostDatabase>
declare const hostSink: AuditLog<Transaction<HostDatabase>>

describe('flag-experiments/kysely types', () => {
  it('returns the library audit log by default, the host sink when given one', () => {
    expectTypeOf(createKyselyAdapters(db)).toEqualTypeOf<{
      readonly repository: ExperimentRepository
      readonly metrics: MetricRepository
      readonly auditLog: KyselyAuditLog<HostDatabase>
      readonly auditFeed?: AuditFeed
      readonly experimentData: ExperimentData
      readonly resultsHistory: ResultsHistory
    }>()
    expectTypeOf(createKyselyAdapters(db, { schema: 'x', auditLog: hostSink }).auditLog).toEqualTypeOf<
      AuditLog<Transaction<HostDatabase>>
    >()
    expectTypeOf<KyselyAuditLog<HostDatabase>['entries']>().returns.resolves.items.toHaveProperty('action')
  })

  it("types an inline sink's entry and transaction", () => {
    const adapters = createKyselyAdapters(db, {
      auditLog: {
        append: async (entry, unitOfWork) => {
          expectTypeOf(entry).toEqualTypeOf<AuditEntry>()
          expectTypeOf(unitOfWork).toEqualTypeOf<Transaction<HostDatabase>>()
          await unitOfWork
            .insertInto('hostAudit')
            .values({ subjectId: entry.subject.id, entry: '{}' })
            .execute()
        },
      },
    })
    expectTypeOf(adapters.repository).toEqualTypeOf<ExperimentRepository>()
  })

  it("takes a host's transaction and infers its database type", () => {
    expectTypeOf(createKyselyAdapters(trx, { auditLog: hostSink }).auditLog).toEqualTypeOf<
      AuditLog<Transaction<HostDatabase>>
    >()
  })

  it('refuses an audit sink for another database type', () => {
    const other = {} as AuditLog<Transaction<{ elsewhere: { id: number } }>>
    // @ts-expect-error the sink must take this database's transactions
    createKyselyAdapters(db, { auditLog: other })
  })

  it('spreads into createExperimentService next to the host lookups', () => {
    const memory = createMemoryAdapters({ environments: [], features: [] })
    const ports = { ...createKyselyAdapters(db), features: memory.features, permissions: memory.permissions }
    expectTypeOf(createExperimentService).toBeCallableWith(ports)
  })

  it('migrates with an optional schema and resolves to the applied names', () => {
    expectTypeOf(migrateToLatest(db)).toEqualTypeOf<Promise<readonly string[]>>()
    expectTypeOf(migrateToLatest(db, { schema: 'experiments' })).toEqualTypeOf<Promise<readonly string[]>>()
  })
})

describe('flag-experiments/testing types', () => {
  it("registers its tests with vitest's functions", () => {
    expectTypeOf(vitest).toExtend<TestApi>()
    expectTypeOf(testExperimentRepository).parameter(0).toEqualTypeOf<TestApi>()
  })

  it('takes factories of fixtures, sync or async', () => {
    expectTypeOf(testExperimentRepository)
      .parameter(1)
      .returns.toEqualTypeOf<RepositoryFixture | Promise<RepositoryFixture>>()
    expectTypeOf(testFeatureLookup)
      .parameter(1)
      .returns.toEqualTypeOf<FeatureLookupFixture | Promise<FeatureLookupFixture>>()
    expectTypeOf(testPermissionPolicy)
      .parameter(1)
      .returns.toEqualTypeOf<PermissionPolicyFixture | Promise<PermissionPolicyFixture>>()
  })
})
