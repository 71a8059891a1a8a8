import type { Actor, Environment } from '../core/domain/experiment.js'
import type { ExperimentAction } from '../core/domain/vocabulary.js'

/**
 * The host's access rules, asked before every operation (reads included) and before any
 * input is looked at.
 */
export interface PermissionPolicy {
  /** Whether experimentation is switched on for the environment (the host's feature gate). */
  isEnabled(environment: Environment): Promise<boolean>
  /** Whether the actor may perform the action on the environment's experiments. */
  can(actor: Actor, action: ExperimentAction, environment: Environment): Promise<boolean>
}
