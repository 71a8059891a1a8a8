/**
 * flag-experiments: A/B experiments for feature-flag backends.
 *
 * @packageDocumentation
 */
export { createExperimentService } from './core/service.js'
export type { ExperimentList, ExperimentService, ExperimentServicePorts } from './core/service.js'
export { EXPERIMENT_ACTIONS, EXPERIMENT_STATUSES, isActive } from './core/experiment.js'
export type {
  Actor,
  Environment,
  Experiment,
  ExperimentAction,
  ExperimentStatus,
  ExperimentView,
  Feature,
  StatusChange,
  StoredExperiment,
} from './core/experiment.js'
export {
  ACTION_TARGET,
  TRANSITIONS,
  allowedTargets,
  applyTransition,
  nextStatus,
} from './core/state-machine.js'
export type { TransitionAction, TransitionRefused } from './core/state-machine.js'
export { runningSeconds } from './core/running-seconds.js'
export { errors } from './core/errors.js'
export type {
  ExperimentError,
  ExperimentErrorCode,
  ExperimentErrorOf,
  ValidationIssue,
} from './core/errors.js'
export {
  CreateExperimentInput,
  ListExperimentsInput,
  UpdateExperimentInput,
  WriteOptions,
  parseInput,
} from './core/schemas.js'
export type { AuditAction, AuditEntry, AuditValue, FieldChange } from './core/audit-entry.js'
export { decodeCursor, encodeCursor } from './core/cursor.js'
export type { ListPosition } from './core/cursor.js'
export { systemClock } from './ports/clock.js'
export type { Clock } from './ports/clock.js'
export type { AuditLog } from './ports/audit-log.js'
export type {
  ExperimentPage,
  ExperimentRepository,
  ExperimentWrite,
  ListQuery,
  LockedWriteOutcome,
  WriteOutcome,
} from './ports/experiment-repository.js'
export type { FeatureLookup } from './ports/feature-lookup.js'
export type { PermissionPolicy } from './ports/permission-policy.js'
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
