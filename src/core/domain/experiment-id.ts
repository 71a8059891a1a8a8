/** An experiment id: a UUID in its canonical hexadecimal form, any case. */
export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'

const UUID = new RegExp(`^${UUID_PATTERN}$`)

/**
 * The canonical (lower-case) form of an experiment id, or `null` when the value cannot be one.
 * Ids are checked here once, where they enter the service; repositories receive only UUIDs.
 */
export function normalizeExperimentId(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null
}
