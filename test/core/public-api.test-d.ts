import type { Result, ResultAsync } from 'neverthrow'
import { describe, expectTypeOf, it } from 'vitest'
import {
  createExperimentService,
  CreateExperimentInput,
  parseAuditFeedInput,
  type Actor,
  type AuditFeed,
  type AuditFeedOptions,
  type AuditFeedPage,
  type AuditFeedRequest,
  type FeedPosition,
  type DeletedExperimentView,
  type ExperimentError,
  type ExperimentErrorCode,
  type ExperimentList,
  type ExperimentService,
  type ExperimentStatus,
  type ExperimentView,
  type ExperimentMetricsInput,
  type ExperimentResults,
  type IngestOutcome,
  type MetricList,
  RecordEventsInput,
  type RecordExposuresInput,
  type Verdict,
  type MetricView,
  type RolloutInput,
  type StatusChange,
} from '../../src/index.js'
import {
  createManualClock,
  createMemoryAdapters,
  type ManualClock,
  type MemoryAdapters,
} from '../../src/memory.js'

describe('public API types', () => {
  it('createExperimentService takes the memory adapters whole', () => {
    const adapters = createMemoryAdapters({ environments: [], features: [] })
    expectTypeOf(adapters).toEqualTypeOf<MemoryAdapters>()
    expectTypeOf(createExperimentService(adapters)).toEqualTypeOf<ExperimentService>()
    expectTypeOf(createManualClock()).toEqualTypeOf<ManualClock>()
  })

  it('every operation returns a ResultAsync with ExperimentError', () => {
    type S = ExperimentService
    expectTypeOf<ReturnType<S['list']>>().toEqualTypeOf<ResultAsync<ExperimentList, ExperimentError>>()
    {
      expectTypeOf<ReturnType<S['get']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['create']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['update']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['delete']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['restore']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['start']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['pause']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['complete']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
      expectTypeOf<ReturnType<S['history']>>().toEqualTypeOf<
        ResultAsync<readonly StatusChange[], ExperimentError>
      >()
    }
    expectTypeOf<Parameters<S['start']>[0]>().toEqualTypeOf<Actor>()
    expectTypeOf<ReturnType<S['setMetrics']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
    expectTypeOf<ReturnType<S['setRollout']>>().toEqualTypeOf<ResultAsync<ExperimentView, ExperimentError>>()
    expectTypeOf<ReturnType<S['activeExperiment']>>().toEqualTypeOf<
      ResultAsync<ExperimentView | null, ExperimentError>
    >()
    expectTypeOf<ReturnType<S['listMetrics']>>().toEqualTypeOf<ResultAsync<MetricList, ExperimentError>>()
    type MetricOperation = 'getMetric' | 'createMetric' | 'updateMetric' | 'deleteMetric' | 'restoreMetric'
    expectTypeOf<ReturnType<S[MetricOperation]>>().toEqualTypeOf<ResultAsync<MetricView, ExperimentError>>()
    expectTypeOf<RolloutInput>().toMatchTypeOf<Parameters<S['setRollout']>[3]>()
    expectTypeOf<ReturnType<S['recordExposures']>>().toEqualTypeOf<
      ResultAsync<IngestOutcome, ExperimentError>
    >()
    expectTypeOf<ReturnType<S['recordEvents']>>().toEqualTypeOf<ResultAsync<IngestOutcome, ExperimentError>>()
    expectTypeOf<ReturnType<S['results']>>().toEqualTypeOf<ResultAsync<ExperimentResults, ExperimentError>>()
    expectTypeOf<Parameters<S['recordExposures']>[2]>().toEqualTypeOf<RecordExposuresInput>()
    expectTypeOf<Parameters<S['recordEvents']>[2]>().toEqualTypeOf<RecordEventsInput>()
  })

  it('ingest inputs take ISO strings or Dates and come out as the data port stores them', () => {
    expectTypeOf<RecordExposuresInput['exposures'][number]>().toEqualTypeOf<{
      experiment: string
      identity: string
      variant: string
      at: string | Date
    }>()
    expectTypeOf<RecordEventsInput['events'][number]>().toMatchTypeOf<{
      id: string
      identity: string
      event: string
      value?: number | null | undefined
      at: string | Date
    }>()
    expectTypeOf(RecordEventsInput.parse({}).events[0]!).toEqualTypeOf<{
      id: string
      identity: string
      event: string
      value: number | null
      at: Date
    }>()
  })

  it('results carry dates, nullable figures and a verdict per variant', () => {
    expectTypeOf<ExperimentResults['asOf']>().toEqualTypeOf<Date>()
    expectTypeOf<ExperimentResults['window']>().toEqualTypeOf<{
      readonly from: Date
      readonly to: Date
    } | null>()
    type Comparison = ExperimentResults['metrics'][number]['variants'][number]
    expectTypeOf<Comparison['chanceToWin']>().toEqualTypeOf<number | null>()
    expectTypeOf<Comparison['verdict']>().toEqualTypeOf<Verdict>()
  })

  it('types the trash items with deletedAt, and the audit reads as feed pages', () => {
    const service = createExperimentService(createMemoryAdapters({ environments: [], features: [] }))
    const actor: Actor = { type: 'user', id: 'u1' }
    expectTypeOf(service.list(actor, 'dev', { deleted: true })).toEqualTypeOf<
      ResultAsync<ExperimentList<DeletedExperimentView>, ExperimentError>
    >()
    expectTypeOf(service.list(actor, 'dev', { deleted: false })).toEqualTypeOf<
      ResultAsync<ExperimentList, ExperimentError>
    >()
    expectTypeOf<DeletedExperimentView['deletedAt']>().toEqualTypeOf<Date>()
    expectTypeOf<ExperimentView>().not.toHaveProperty('deletedAt')
    expectTypeOf(service.auditFeed(actor, 'dev', { limit: 10 })).toEqualTypeOf<
      ResultAsync<AuditFeedPage, ExperimentError>
    >()
    expectTypeOf(service.experimentAudit(actor, 'dev', 'id', { cursor: 'c' })).toEqualTypeOf<
      ResultAsync<AuditFeedPage, ExperimentError>
    >()
  })

  it('hands an audit feed a checked request, which it answers with a page and never refuses', () => {
    expectTypeOf(parseAuditFeedInput({ cursor: 'c', limit: 10 })).toEqualTypeOf<
      Result<AuditFeedRequest, ExperimentError>
    >()
    expectTypeOf<AuditFeedRequest>().toEqualTypeOf<{
      readonly after: FeedPosition | null
      readonly limit: number
    }>()
    expectTypeOf<AuditFeed['entriesSince']>().toEqualTypeOf<
      (request: AuditFeedRequest, options?: AuditFeedOptions) => Promise<AuditFeedPage>
    >()
  })

  it('pins the error codes and their details', () => {
    expectTypeOf<ExperimentErrorCode>().toEqualTypeOf<
      | 'validation_failed'
      | 'environment_not_found'
      | 'experiment_not_found'
      | 'feature_not_found'
      | 'feature_not_multivariate'
      | 'feature_not_in_project'
      | 'feature_immutable'
      | 'experimentation_disabled'
      | 'forbidden'
      | 'active_experiment_exists'
      | 'invalid_transition'
      | 'experiment_running'
      | 'version_mismatch'
      | 'metric_not_found'
      | 'metric_name_taken'
      | 'metric_in_use'
      | 'primary_metric_locked'
      | 'allocation_locked'
      | 'analysis_locked'
      | 'experiment_completed'
      | 'audit_feed_not_supported'
      | 'ingestion_not_supported'
      | 'unavailable'
    >()
    expectTypeOf<Extract<ExperimentError, { code: 'invalid_transition' }>>()
      .toHaveProperty('allowed')
      .toEqualTypeOf<readonly ExperimentStatus[]>()
    expectTypeOf<Extract<ExperimentError, { code: 'version_mismatch' }>>()
      .toHaveProperty('currentVersion')
      .toEqualTypeOf<number>()
  })

  it('schemas and their types share a name; input accepts a numeric feature id', () => {
    expectTypeOf<CreateExperimentInput>().toMatchTypeOf<{
      feature: string | number
      name: string
      hypothesis: string
    }>()
    expectTypeOf<CreateExperimentInput['metrics']>().toEqualTypeOf<ExperimentMetricsInput | undefined>()
    expectTypeOf<CreateExperimentInput['rollout']>().toEqualTypeOf<RolloutInput | undefined>()
    expectTypeOf(CreateExperimentInput.parse({})).toMatchTypeOf<{
      feature: string
      name: string
      hypothesis: string
    }>()
    expectTypeOf<ExperimentView>().not.toHaveProperty('deletedAt')
    expectTypeOf<ExperimentView>().toHaveProperty('runningSeconds').toEqualTypeOf<number>()
  })
})
