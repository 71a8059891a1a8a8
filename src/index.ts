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
  Actor,
  Environment,
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
  transitionRefusedMessage,
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
export { ANALYSIS_BOUNDS } from './core/domain/analysis-bounds.js'
export {
  DEFAULT_EXPERIMENT_ANALYSIS,
  ExperimentAnalysisInput,
  sameAnalysis,
  type ExperimentAnalysis,
} from './core/domain/experiment-analysis.js'
export {
  DIRECTIONS_BY_ROLE,
  ExperimentMetricsInput,
  MAX_EXPERIMENT_METRICS,
  primaryMetric,
  sameMetric,
  sameMetrics,
} from './core/domain/experiment-metrics.js'
export type { AttachedMetric, ExperimentMetric } from './core/domain/experiment-metrics.js'
export {
  CreateMetricInput,
  ListMetricsInput,
  UpdateMetricInput,
  usedByOpenExperiment,
  usedByStartedExperiment,
} from './core/domain/metric.js'
export type {
  Metric,
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
export { foldName } from './core/domain/fold-name.js'
export { INSTANT_RANGE, Instant, InstantText, isInstantInRange } from './core/domain/instant.js'
export type {
  Schedule,
  ScheduleChange,
  ScheduledAction,
  ScheduledTransition,
} from './core/domain/schedule.js'
export type { AuditEntry, AuditSubject, AuditValue, FieldChange } from './core/domain/audit-entry.js'
export { decodeCursor, encodeCursor } from './core/domain/cursor.js'
export type { ListPosition } from './core/domain/cursor.js'
export { systemClock } from './ports/clock.js'
export type { Clock } from './ports/clock.js'
export type { AuditLog } from './ports/audit-log.js'
export type {
  AuditFeed,
  AuditFeedOptions,
  AuditFeedPage,
  AuditFeedRequest,
  FeedPosition,
} from './ports/audit-feed.js'
export {
  AUDIT_FEED_DEFAULT_LIMIT,
  AuditFeedInput,
  parseAuditFeedInput,
} from './core/domain/audit-feed-input.js'
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
export type {
  ResultsHistory,
  ResultsSnapshot,
  SnapshotDue,
  SnapshotsDueQuery,
} from './ports/results-history.js'
export { snapshotDay, withFinalResults } from './core/domain/results-snapshot.js'
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
export { normalQuantile } from './core/domain/statistics/normal-quantile.js'
export {
  armMoments,
  liftEstimate,
  proportionMoments,
  type ArmMoments,
  type LiftEstimate,
} from './core/domain/statistics/lift-estimate.js'
export {
  confidenceSequenceHalfWidth,
  sequentialHalfWidth,
  sequentialInterval,
  sequentialPValue,
  sequentialRho,
  type SequentialInterval,
  type SequentialSettings,
} from './core/domain/statistics/sequential-interval.js'
export {
  cupedEstimate,
  cupedTheta,
  type CupedArm,
  type CupedEstimate,
  type CupedKind,
} from './core/domain/statistics/cuped.js'
export {
  adjustedInterval,
  adjustPValues,
  benjaminiHochbergAdjust,
  CORRECTIONS,
  holmAdjust,
  type Correction,
} from './core/domain/statistics/multiple-comparisons.js'
export {
  daysToDetect,
  detectionPower,
  sampleGuidance,
  type PowerSettings,
  type SampleGuidance,
} from './core/domain/statistics/sample-guidance.js'
export {
  ANALYSIS_METHODS,
  DEFAULT_RESULTS_SETTINGS,
  resultsSettings,
  type AnalysisMethod,
  type AnalysisSettings,
  type GuidanceSettings,
  type MinimumSample,
  type ResultsSettings,
  type ResultsSettingsInput,
} from './core/domain/statistics/analysis-settings.js'
export { CUPED_STATUSES, cupedStatus, type CupedStatus } from './core/domain/statistics/cuped-status.js'
export { DEFAULT_PRE_EXPOSURE_DAYS } from './core/domain/pre-exposure-days.js'
export {
  analyzeComparison,
  type AnalyzedComparison,
  type ArmSums,
} from './core/domain/statistics/analyze-comparison.js'
export {
  MAX_EVENT_VALUE,
  MAX_INGEST_BATCH,
  RecordEventsInput,
  RecordExposuresInput,
} from './core/domain/ingest-input.js'
export { SRM_THRESHOLD } from './core/domain/results.js'
export {
  ACTOR_TYPES,
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  EXPECTED_DIRECTIONS,
  METRIC_ROLES,
  METRIC_AGGREGATIONS,
  METRIC_DIRECTIONS,
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
} from './core/domain/vocabulary.js'
export type {
  ExperimentAction,
  ExperimentStatus,
  ExpectedDirection,
  MetricRole,
  MetricAggregation,
  MetricDirection,
  AuditAction,
  AuditSubjectType,
} from './core/domain/vocabulary.js'
export type {
  ComparisonGuidance,
  ControlArm,
  ExperimentResults,
  MetricResult,
  ResultsAnalysis,
  ResultsOptions,
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
export type { PrePeriodSums } from './core/domain/experiment-summary.js'
