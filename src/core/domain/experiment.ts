/** The four statuses of an experiment's lifecycle, in lifecycle order. */
export const EXPERIMENT_STATUSES = ['created', 'running', 'paused', 'completed'] as const

/** Where an experiment stands in its lifecycle: `created → running ⇄ paused → completed`. */
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number]

/** The actions a caller may be permitted to perform, as asked of the {@link PermissionPolicy}. */
export const EXPERIMENT_ACTIONS = [
  'view',
  'create',
  'update',
  'delete',
  'restore',
  'start',
  'pause',
  'complete',
] as const

/** An action a caller may be permitted to perform on an environment's experiments. */
export type ExperimentAction = (typeof EXPERIMENT_ACTIONS)[number]

/**
 * Who performs an operation: a host user, a host API key, or the system itself.
 * Recorded in every audit entry and history row.
 */
export interface Actor {
  readonly type: 'user' | 'api_key' | 'system'
  readonly id: string
}

/** A host environment, as resolved by the {@link FeatureLookup} from its key. */
export interface Environment {
  readonly id: string
  readonly key: string
  readonly name: string
  readonly projectId: string
}

/** A host feature (flag), as resolved by the {@link FeatureLookup} from its id. */
export interface Feature {
  readonly id: string
  readonly name: string
  readonly projectId: string
  readonly type: 'multivariate' | 'standard'
}

/** An A/B test on one multivariate feature in one environment, as persisted. */
export interface Experiment {
  readonly id: string
  readonly environmentId: string
  readonly featureId: string
  readonly name: string
  readonly hypothesis: string
  readonly status: ExperimentStatus
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly startedAt: Date | null
  readonly endedAt: Date | null
  /** Starts at 1 and grows by one on every persisted change (compare-and-set). */
  readonly version: number
  /** Set by a soft delete; a deleted experiment is invisible to every read. */
  readonly deletedAt: Date | null
}

/** One row of an experiment's status history: a single transition. */
export interface StatusChange {
  readonly from: ExperimentStatus
  readonly to: ExperimentStatus
  readonly at: Date
  readonly actor: Actor
}

/** An experiment together with its status history, as a repository reads it. */
export interface StoredExperiment extends Experiment {
  /** Transitions, oldest first. */
  readonly history: readonly StatusChange[]
}

/** An experiment as the service returns it: no soft-delete marker, plus derived figures. */
export interface ExperimentView extends Omit<Experiment, 'deletedAt'> {
  /** Whole seconds spent in `running`, pauses excluded, up to now or to `endedAt`. */
  readonly runningSeconds: number
}

/**
 * Whether an experiment holds its (feature, environment) slot: not completed and not deleted.
 * At most one experiment per slot may be active.
 */
export function isActive(experiment: Pick<Experiment, 'status' | 'deletedAt'>): boolean {
  return experiment.status !== 'completed' && experiment.deletedAt === null
}
