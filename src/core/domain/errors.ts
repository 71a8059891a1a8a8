import type { ExperimentAction, ExperimentStatus } from './experiment.js'

/** One problem found in a caller's input: where it is and what is wrong. */
export interface ValidationIssue {
  /** Dotted path to the offending field (`name`, `status.0`); empty for the input itself. */
  readonly path: string
  readonly message: string
}

/**
 * Every failure the service reports, as a readonly union discriminated by `code`.
 * Each member carries a human `message` and typed details; clients branch on `code`.
 */
export type ExperimentError =
  | {
      readonly code: 'validation_failed'
      readonly message: string
      readonly issues: readonly ValidationIssue[]
    }
  | { readonly code: 'environment_not_found'; readonly message: string; readonly environmentKey: string }
  | { readonly code: 'experiment_not_found'; readonly message: string; readonly experimentId: string }
  | { readonly code: 'feature_not_found'; readonly message: string; readonly featureId: string }
  | { readonly code: 'feature_not_multivariate'; readonly message: string; readonly featureId: string }
  | { readonly code: 'feature_not_in_project'; readonly message: string; readonly featureId: string }
  | { readonly code: 'feature_immutable'; readonly message: string }
  | { readonly code: 'experimentation_disabled'; readonly message: string }
  | { readonly code: 'forbidden'; readonly message: string; readonly action: ExperimentAction }
  | { readonly code: 'active_experiment_exists'; readonly message: string; readonly featureId: string }
  | {
      readonly code: 'invalid_transition'
      readonly message: string
      readonly from: ExperimentStatus
      readonly to: ExperimentStatus
      readonly allowed: readonly ExperimentStatus[]
    }
  | { readonly code: 'experiment_running'; readonly message: string }
  | {
      readonly code: 'version_mismatch'
      readonly message: string
      readonly expectedVersion: number
      readonly currentVersion: number
    }
  | { readonly code: 'unavailable'; readonly message: string; readonly cause?: unknown }

/** The `code` of every {@link ExperimentError}. */
export type ExperimentErrorCode = ExperimentError['code']

/** The {@link ExperimentError} member with the given `code`. */
export type ExperimentErrorOf<C extends ExperimentErrorCode> = Extract<ExperimentError, { code: C }>

/** Builds each {@link ExperimentError} with its default message. */
export const errors = {
  validationFailed: (issues: readonly ValidationIssue[]): ExperimentErrorOf<'validation_failed'> => ({
    code: 'validation_failed',
    message: 'The request is not valid.',
    issues,
  }),
  environmentNotFound: (environmentKey: string): ExperimentErrorOf<'environment_not_found'> => ({
    code: 'environment_not_found',
    message: 'Environment not found.',
    environmentKey,
  }),
  experimentNotFound: (experimentId: string): ExperimentErrorOf<'experiment_not_found'> => ({
    code: 'experiment_not_found',
    message: 'Experiment not found.',
    experimentId,
  }),
  featureNotFound: (featureId: string): ExperimentErrorOf<'feature_not_found'> => ({
    code: 'feature_not_found',
    message: 'Feature not found.',
    featureId,
  }),
  featureNotMultivariate: (featureId: string): ExperimentErrorOf<'feature_not_multivariate'> => ({
    code: 'feature_not_multivariate',
    message: 'Experiments can only be created for multivariate flags.',
    featureId,
  }),
  featureNotInProject: (featureId: string): ExperimentErrorOf<'feature_not_in_project'> => ({
    code: 'feature_not_in_project',
    message: "Feature does not belong to this environment's project.",
    featureId,
  }),
  featureImmutable: (): ExperimentErrorOf<'feature_immutable'> => ({
    code: 'feature_immutable',
    message: 'Cannot change the feature of an existing experiment.',
  }),
  experimentationDisabled: (): ExperimentErrorOf<'experimentation_disabled'> => ({
    code: 'experimentation_disabled',
    message: 'Experimentation is not enabled for this environment.',
  }),
  forbidden: (action: ExperimentAction): ExperimentErrorOf<'forbidden'> => ({
    code: 'forbidden',
    message: `You do not have permission to ${action} experiments in this environment.`,
    action,
  }),
  activeExperimentExists: (featureId: string): ExperimentErrorOf<'active_experiment_exists'> => ({
    code: 'active_experiment_exists',
    message: 'An active experiment already exists for this feature.',
    featureId,
  }),
  invalidTransition: (
    from: ExperimentStatus,
    to: ExperimentStatus,
    allowed: readonly ExperimentStatus[],
  ): ExperimentErrorOf<'invalid_transition'> => ({
    code: 'invalid_transition',
    message: 'Unable to transition experiment status.',
    from,
    to,
    allowed,
  }),
  experimentRunning: (): ExperimentErrorOf<'experiment_running'> => ({
    code: 'experiment_running',
    message: 'Cannot delete a running experiment. Pause or complete it first.',
  }),
  versionMismatch: (
    expectedVersion: number,
    currentVersion: number,
  ): ExperimentErrorOf<'version_mismatch'> => ({
    code: 'version_mismatch',
    message: `The experiment has changed: expected version ${expectedVersion}, current version is ${currentVersion}.`,
    expectedVersion,
    currentVersion,
  }),
  unavailable: (cause?: unknown): ExperimentErrorOf<'unavailable'> => ({
    code: 'unavailable',
    message: 'A backing service is unavailable. Try again later.',
    cause,
  }),
} as const
