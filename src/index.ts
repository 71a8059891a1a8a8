/**
 * flag-experiments: A/B experiments for feature-flag backends.
 *
 * @packageDocumentation
 */
export { createExperimentService } from './core/service/experiment-service.js'
export { SCHEDULER_ACTOR } from './core/service/run-scheduled.js'
export type {
  ExperimentList,
  ExperimentService,
  ExperimentServicePorts,
  Grant,
  MetricList,
  MetricOperations,
  ScheduledChange,
  ScheduledFailure,
  ScheduledRun,
} from './core/service/experiment-service.js'
export {
  ACTOR_TYPES,
  Actor,
  Environment,
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  ExperimentVersion,
  Feature,
  FEATURE_TYPES,
  FeatureVariant,
  featureVariants,
  isActive,
  MAX_VERSION,
} from './core/domain/experiment.js'
export type {
  DeletedExperimentView,
  Experiment,
  ExperimentState,
  ExperimentAction,
  ExperimentStatus,
  ExperimentView,
  StatusChange,
  StoredExperiment,
} from './core/domain/experiment.js'
export {
  ACTION_TARGET,
  TRANSITIONS,
  allowedTargets,
  applyTransition,
  nextStatus,
} from './core/domain/state-machine.js'
export type { TransitionAction, TransitionRefused } from './core/domain/state-machine.js'
export { runningSeconds } from './core/domain/running-seconds.js'
export {
  RolloutInput,
  checkRolloutVariants,
  defaultRollout,
  sameAllocations,
  sameRollout,
  toHundredths,
} from './core/domain/rollout.js'
export type { Allocation, Rollout } from './core/domain/rollout.js'
export {
  DIRECTIONS_BY_ROLE,
  EXPECTED_DIRECTIONS,
  ExperimentMetricsInput,
  MAX_EXPERIMENT_METRICS,
  METRIC_ROLES,
  primaryMetric,
  sameMetric,
  sameMetrics,
} from './core/domain/experiment-metrics.js'
export type {
  AttachedMetric,
  ExpectedDirection,
  ExperimentMetric,
  MetricRole,
} from './core/domain/experiment-metrics.js'
export {
  CreateMetricInput,
  ListMetricsInput,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  UpdateMetricInput,
  usedByOpenExperiment,
  usedByStartedExperiment,
} from './core/domain/metric.js'
export type {
  Metric,
  MetricAggregation,
  MetricDirection,
  DeletedMetricSummary,
  MetricSummary,
  MetricUser,
  MetricView,
  StoredMetric,
} from './core/domain/metric.js'
export { errors } from './core/domain/errors.js'
export type {
  ExperimentError,
  ExperimentErrorCode,
  ExperimentErrorOf,
  ValidationIssue,
} from './core/domain/errors.js'
export {
  CreateExperimentInput,
  ListExperimentsInput,
  SetMetricsInput,
  UpdateExperimentInput,
  WriteOptions,
  parseInput,
  ScheduleTime,
} from './core/domain/schemas.js'
export { dueTransition, scheduledTransition } from './core/domain/schedule.js'
export type {
  Schedule,
  ScheduleChange,
  ScheduledAction,
  ScheduledTransition,
} from './core/domain/schedule.js'
export { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from './core/domain/audit-entry.js'
export type {
  AuditAction,
  AuditEntry,
  AuditSubject,
  AuditSubjectType,
  AuditValue,
  FieldChange,
} from './core/domain/audit-entry.js'
export { decodeCursor, encodeCursor } from './core/domain/cursor.js'
export type { ListPosition } from './core/domain/cursor.js'
export { systemClock } from './ports/clock.js'
export type { Clock } from './ports/clock.js'
export type { AuditLog } from './ports/audit-log.js'
export type { AuditFeed, AuditFeedOptions, AuditFeedPage, AuditFeedError } from './ports/audit-feed.js'
export { AUDIT_FEED_DEFAULT_LIMIT, AuditFeedInput } from './core/domain/audit-feed-input.js'
export { AUDIT_FEED_MAX_LIMIT } from './core/domain/feed-cursor.js'
export type {
  DuePosition,
  DueQuery,
  ExperimentPage,
  ExperimentRepository,
  ExperimentWrite,
  ListQuery,
  LockedWriteOutcome,
  WriteOutcome,
} from './ports/experiment-repository.js'
export type { FeatureLookup } from './ports/feature-lookup.js'
export type {
  MetricListQuery,
  MetricRepository,
  MetricWrite,
  MetricWriteOutcome,
} from './ports/metric-repository.js'
export type { PermissionPolicy } from './ports/permission-policy.js'
export { assignVariant } from './core/domain/assignment/assign-variant.js'
export { createAssigner, type Assigner } from './core/domain/assignment/create-assigner.js'
export { identityBucket } from './core/domain/assignment/identity-bucket.js'
export type { AssignmentAllocation, AssignmentRollout } from './core/domain/assignment/assignment-rollout.js'
export { compareVariants, Z_95, type Comparison } from './core/domain/statistics/compare-variants.js'
export { srmPValue } from './core/domain/statistics/srm-p-value.js'
export { normalCdf } from './core/domain/statistics/normal-cdf.js'
export { chiSquaredSurvival } from './core/domain/statistics/chi-squared-survival.js'
export {
  summaryStatistics,
  type MetricSums,
  type SummaryStatistics,
} from './core/domain/statistics/summary-statistics.js'
export { verdict, VERDICT_THRESHOLD } from './core/domain/statistics/verdict.js'
export { VERDICTS, type Verdict } from './core/domain/statistics/metric-roles.js'
export {
  MAX_EVENT_VALUE,
  MAX_INGEST_BATCH,
  RecordEventsInput,
  RecordExposuresInput,
} from './core/domain/ingest-input.js'
export { SRM_THRESHOLD } from './core/domain/results.js'
export type {
  ControlArm,
  ExperimentResults,
  MetricResult,
  ResultsWindow,
  SampleRatioCheck,
  VariantComparison,
  VariantExposures,
} from './core/domain/results.js'
export type {
  ExperimentData,
  ExperimentSummary,
  Exposure,
  IngestOutcome,
  SummaryMetric,
  SummaryQuery,
  TrackedEvent,
  VariantSums,
} from './ports/experiment-data.js'
