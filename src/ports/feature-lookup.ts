import type { Environment, Feature } from '../core/domain/experiment.js'

/** Resolves the host's environments and features; `null` when there is no such thing. */
export interface FeatureLookup {
  environmentByKey(key: string): Promise<Environment | null>
  featureById(id: string): Promise<Feature | null>
}
