import { TABLE_NAMES } from './library-tables.js'

/** The slice of a driver error (`pg`, PGlite) the adapter reads. */
interface DriverError {
  readonly code?: unknown
  readonly constraint?: unknown
}

/** What a failed statement means for the adapter. */
export type FailureKind =
  /** Another active experiment holds the (feature, environment) slot. */
  | 'active_slot_taken'
  /** The experiment or metric id is taken already: the insert lost, nothing was written. */
  | 'duplicate_id'
  /** A metric the experiment attaches is missing, deleted or of another environment. */
  | 'metric_unavailable'
  /** A metric change would pull the metric from under an experiment that uses it. */
  | 'metric_in_use'
  /** Another metric of the environment that is not deleted has the name (ignoring case). */
  | 'metric_name_taken'
  /** Serialization failure or deadlock: nothing was written, running it again may succeed. */
  | 'conflict'
  /** The connection failed or the server is going away: running it again may succeed. */
  | 'connection'
  /** Anything else (a bug, a broken constraint, a failing host audit sink). */
  | 'other'

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
])

/** The link table's plain foreign key to the catalogue (the attach trigger usually answers first). */
const METRIC_FOREIGN_KEY = `${TABLE_NAMES.experimentMetrics}_metric_id_fkey`

function driverError(error: unknown): DriverError {
  return typeof error === 'object' && error !== null ? error : {}
}

/** Classifies a rejected statement by its SQLSTATE (or Node error code) and constraint name. */
export function classifyFailure(error: unknown): FailureKind {
  const { code, constraint } = driverError(error)
  if (typeof code !== 'string') {
    return error instanceof Error && /Connection terminated|connection.*(closed|ended)/i.test(error.message)
      ? 'connection'
      : 'other'
  }
  if (code === '23505') {
    if (constraint === TABLE_NAMES.activeSlotIndex) return 'active_slot_taken'
    if (constraint === TABLE_NAMES.metricNameIndex) return 'metric_name_taken'
    if (constraint === `${TABLE_NAMES.experiments}_pkey` || constraint === `${TABLE_NAMES.metrics}_pkey`)
      return 'duplicate_id'
    return 'other'
  }
  if (code === '23503' && (constraint === TABLE_NAMES.metricAvailable || constraint === METRIC_FOREIGN_KEY))
    return 'metric_unavailable'
  if (code === '23001' && constraint === TABLE_NAMES.metricInUse) return 'metric_in_use'
  if (code === '40001' || code === '40P01') return 'conflict'
  if (code.startsWith('08') || CONNECTION_CODES.has(code)) return 'connection'
  return 'other'
}

/** Whether running the same statement again, on fresh state, may succeed. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'conflict' || kind === 'connection'
}
