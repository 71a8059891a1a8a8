import { z } from 'zod'
import { EXPERIMENT_STATUSES } from '../../../core/domain/experiment.js'

/** An experiment's status, as every body names it. */
export const Status = z.enum(EXPERIMENT_STATUSES)

/** An instant as every body writes it. */
export const Timestamp = z.iso.datetime().describe('ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.')

/** A share of traffic or of a split. */
export const Percentage = z.number().min(0).max(100).describe('A percentage with at most two decimals.')

/** A string from a `Date`: ISO 8601 in UTC. */
export const iso = (date: Date): string => date.toISOString()

/** A string from a `Date`, or `null`. */
export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString())
