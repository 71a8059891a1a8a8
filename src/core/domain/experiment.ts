import { z } from 'zod'
import type { ExperimentAnalysis } from './experiment-analysis.js'
import type { AttachedMetric, ExperimentMetric } from './experiment-metrics.js'
import type { Rollout } from './rollout.js'
import { ACTOR_TYPES, type ExperimentStatus } from './vocabulary.js'

/**
 * Who performs an operation, recorded in every audit entry and history row. Parsed from what
 * the host passes in before any permission is asked; a malformed actor is refused.
 */
export const Actor = z.object({ type: z.enum(ACTOR_TYPES), id: z.string().min(1).max(255) }).readonly()
/** Who performs an operation: a host user, a host API key, or the system itself. */
export type Actor = z.infer<typeof Actor>

/** A host environment, as resolved by the {@link FeatureLookup} from its key. */
export const Environment = z
  .object({ id: z.string(), key: z.string(), name: z.string(), projectId: z.string() })
  .readonly()
/** A host environment, as resolved by the {@link FeatureLookup} from its key. */
export type Environment = z.infer<typeof Environment>

/** The kinds of host feature (flag); experiments run on multivariate ones only. */
export const FEATURE_TYPES = ['multivariate', 'standard'] as const

/** One value of a multivariate feature: `key` as the flag serves it, an optional display name. */
export const FeatureVariant = z
  .object({ key: z.string().min(1).max(255), name: z.string().optional() })
  .readonly()
/** One value of a multivariate feature. */
export type FeatureVariant = z.infer<typeof FeatureVariant>

/**
 * A host feature (flag), as resolved by the {@link FeatureLookup} from its id. `variants` lists a
 * multivariate flag's values, the control first; a feature without them gets `control` and
 * `treatment` (see {@link featureVariants}).
 */
export const Feature = z
  .object({
    id: z.string(),
    name: z.string(),
    projectId: z.string(),
    type: z.enum(FEATURE_TYPES),
    variants: z.array(FeatureVariant).optional(),
  })
  .readonly()
/** A host feature (flag), as resolved by the {@link FeatureLookup} from its id. */
export type Feature = z.infer<typeof Feature>

/** The highest version an experiment can reach (the database stores it as a 32-bit integer). */
export const MAX_VERSION = 2_147_483_647

/** A stored version, or one a caller expects: an integer from 1 to {@link MAX_VERSION}. */
export const ExperimentVersion = z.number().int().min(1).max(MAX_VERSION)

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
  /** What it measures, in the order given: at most ten, at most one primary. */
  readonly metrics: readonly ExperimentMetric[]
  /** Who enters and which variant they see. */
  readonly rollout: Rollout
  /** How its results are analysed; fixed once it has started. */
  readonly analysis: ExperimentAnalysis
  /** When the scheduler starts it; only while `created`, cleared by the start (manual or scheduled). */
  readonly scheduledStartAt: Date | null
  /** When the scheduler completes it (once started); cleared by the completion. */
  readonly scheduledEndAt: Date | null
  /**
   * The key of its environment as of its last write, so that the scheduler, which acts on its
   * own, can resolve the environment; `null` for a row no write has touched since it was recorded.
   */
  readonly environmentKey: string | null
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
  /** The attached metrics with what the catalogue says of each now (a renamed metric shows its new name). */
  readonly metrics: readonly AttachedMetric[]
  /** Transitions, oldest first. */
  readonly history: readonly StatusChange[]
}

/**
 * An experiment as read, without its history: the state the rules decide on and the state
 * they decide, its metrics joined with the catalogue.
 */
export type ExperimentState = Omit<StoredExperiment, 'history'>

/** An experiment as the service returns it: no soft-delete marker, plus derived figures. */
export interface ExperimentView extends Omit<StoredExperiment, 'deletedAt' | 'history' | 'environmentKey'> {
  /** Whole seconds spent in `running`, pauses excluded, up to now or to `endedAt`. */
  readonly runningSeconds: number
}

/**
 * A deleted experiment as the trash list shows it: the view, and when it was deleted (the trash
 * is the one read that shows deleted experiments, so the one view that carries the marker).
 */
export interface DeletedExperimentView extends ExperimentView {
  readonly deletedAt: Date
}

/**
 * Whether an experiment holds its (feature, environment) slot: not completed and not deleted.
 * At most one experiment per slot may be active.
 */
export function isActive(experiment: Pick<Experiment, 'status' | 'deletedAt'>): boolean {
  return experiment.status !== 'completed' && experiment.deletedAt === null
}

/** The variants of a feature: its own, or `control` and `treatment` when the host lists none. */
export function featureVariants(feature: Feature): readonly FeatureVariant[] {
  return feature.variants !== undefined && feature.variants.length > 0
    ? feature.variants
    : [{ key: 'control' }, { key: 'treatment' }]
}
