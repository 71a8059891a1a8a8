import type { Environment, Feature } from '../core/domain/experiment.js'

/** Resolves the host's environments and features; `null` when there is no such thing. */
export interface FeatureLookup {
  /** The environment a caller names by its key (every request names one). */
  environmentByKey(key: string): Promise<Environment | null>
  /**
   * The environment with this id: what the scheduler resolves a stored experiment's environment
   * by, since a key may be renamed while the id stays.
   */
  environmentById(id: string): Promise<Environment | null>
  featureById(id: string): Promise<Feature | null>
}
