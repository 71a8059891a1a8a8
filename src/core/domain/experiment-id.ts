import { isUuid } from './text-rules.js'

/**
 * The canonical (lower-case) form of an experiment id, or `null` when the value cannot be one.
 * Ids are checked here once, where they enter the service; repositories receive only UUIDs.
 */
export function normalizeExperimentId(value: unknown): string | null {
  return isUuid(value) ? value.toLowerCase() : null
}
