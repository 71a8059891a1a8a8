import type { ExperimentAction, ExperimentStatus } from './vocabulary.js'

/** One problem found in a caller's input: where it is and what is wrong. */
export interface ValidationIssue {
  /** Dotted path to the offending field (`name`, `status.0`); empty for the input itself. */
  readonly path: string
  readonly message: string
}

/**
 * The one declaration of every failure: for each `code`, what its factory takes and the
 * `message` and typed details it carries. The union type and the factories are derived from it.
 */
const ERROR_DETAILS = {
  validation_failed: (issues: readonly ValidationIssue[]) => ({
    message: 'The request is not valid.',
    issues,
  }),
  environment_not_found: (environmentKey: string) => ({ message: 'Environment not found.', environmentKey }),
  experiment_not_found: (experimentId: string) => ({ message: 'Experiment not found.', experimentId }),
  feature_not_found: (featureId: string) => ({ message: 'Feature not found.', featureId }),
  feature_not_multivariate: (featureId: string) => ({
    message: 'Experiments can only be created for multivariate flags.',
    featureId,
  }),
  feature_not_in_project: (featureId: string) => ({
    message: "Feature does not belong to this environment's project.",
    featureId,
  }),
  feature_immutable: () => ({ message: 'Cannot change the feature of an existing experiment.' }),
  experimentation_disabled: () => ({ message: 'Experimentation is not enabled for this environment.' }),
  forbidden: (action: ExperimentAction) => ({
    message: `You do not have permission to ${action} experiments in this environment.`,
    action,
  }),
  active_experiment_exists: (featureId: string) => ({
    message: 'An active experiment already exists for this feature.',
    featureId,
  }),
  invalid_transition: (
    from: ExperimentStatus,
    to: ExperimentStatus,
    allowed: readonly ExperimentStatus[],
    message = `cannot move the experiment to ${to}: it is ${from}; allowed: ${allowed.join(', ') || 'none'}`,
  ) => ({
    message,
    from,
    to,
    allowed,
  }),
  experiment_running: () => ({ message: 'Cannot delete a running experiment. Pause or complete it first.' }),
  version_mismatch: (expectedVersion: number, currentVersion: number) => ({
    message: `The experiment has changed: expected version ${expectedVersion}, current version is ${currentVersion}.`,
    expectedVersion,
    currentVersion,
  }),
  metric_not_found: (metricId: string) => ({ message: 'Metric not found.', metricId }),
  metric_name_taken: (name: string) => ({
    message: `A metric named '${name}' already exists in this environment.`,
    name,
  }),
  metric_in_use: (metricId: string, experimentIds: readonly string[]) => ({
    message:
      'The metric is used by an experiment that is not completed: its event and aggregation cannot change, and it cannot be deleted.',
    metricId,
    experimentIds,
  }),
  primary_metric_locked: () => ({
    message: 'The primary metric cannot change once the experiment has started.',
  }),
  allocation_locked: () => ({
    message:
      'The split between variants cannot change once the experiment has started; traffic may still change.',
  }),
  analysis_locked: () => ({
    message: 'The analysis setting cannot change once the experiment has started.',
  }),
  experiment_completed: () => ({ message: 'A completed experiment cannot be changed.' }),
  audit_feed_not_supported: () => ({
    message: "This service cannot read audit entries back: the host's audit sink is not a feed.",
  }),
  ingestion_not_supported: () => ({
    message:
      "This service does not record exposures or events: its results read the host's own tables, which the host fills.",
  }),
  unavailable: (cause?: unknown): { message: string; cause?: unknown } => ({
    message: 'A backing service is unavailable. Try again later.',
    cause,
  }),
} as const

type ErrorDetails = typeof ERROR_DETAILS

/** The `code` of every {@link ExperimentError}. */
export type ExperimentErrorCode = keyof ErrorDetails

/**
 * Every failure the service reports, as a readonly union discriminated by `code`.
 * Each member carries a human `message` and typed details; clients branch on `code`.
 */
export type ExperimentError = {
  [C in ExperimentErrorCode]: Readonly<{ code: C } & ReturnType<ErrorDetails[C]>>
}[ExperimentErrorCode]

/** The {@link ExperimentError} member with the given `code`. */
export type ExperimentErrorOf<C extends ExperimentErrorCode> = Extract<ExperimentError, { code: C }>

/** `snake_case` → `camelCase`, the factories' names. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

type ErrorFactories = {
  readonly [C in ExperimentErrorCode as CamelCase<C>]: (
    ...details: Parameters<ErrorDetails[C]>
  ) => ExperimentErrorOf<C>
}

function factoryOf<C extends ExperimentErrorCode>(code: C) {
  const details = ERROR_DETAILS[code] as (...args: unknown[]) => object
  return (...args: unknown[]) => ({ code, ...details(...args) })
}

/** Builds each {@link ExperimentError} with its default message: `errors.experimentNotFound(id)`. */
export const errors = Object.fromEntries(
  (Object.keys(ERROR_DETAILS) as ExperimentErrorCode[]).map((code) => [
    code.replace(/_(.)/g, (_, letter: string) => letter.toUpperCase()),
    factoryOf(code),
  ]),
) as ErrorFactories
