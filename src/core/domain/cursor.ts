import { err, ok, type Result } from 'neverthrow'
import { normalizeExperimentId } from './experiment-id.js'
import { isInstantInRange } from './instant.js'
import type { Experiment } from './experiment.js'

/** A position in the list order (newest first: `createdAt` then `id`, both descending). */
export interface ListPosition {
  readonly createdAt: Date
  readonly id: string
}

/** Encodes the position after `experiment` as an opaque, URL-safe cursor. */
export function encodeCursor(experiment: Pick<Experiment, 'createdAt' | 'id'>): string {
  const raw = `${experiment.createdAt.getTime()}:${experiment.id}`
  return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is refused. */
export function decodeCursor(cursor: string): Result<ListPosition, 'invalid_cursor'> {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor) || cursor.length % 4 === 1) return err('invalid_cursor')
  const raw = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
  const match = /^(\d{1,15}):(.*)$/.exec(raw)
  const id = match?.[2] ?? ''
  // Cursors carry ids exactly as stored: canonical, lower case.
  if (match === null || normalizeExperimentId(id) !== id) return err('invalid_cursor')
  const createdAt = new Date(Number(match[1]))
  // Every stored time is an accepted instant; a time past them was never handed out.
  return isInstantInRange(createdAt) ? ok({ createdAt, id }) : err('invalid_cursor')
}
