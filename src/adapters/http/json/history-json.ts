import { z } from 'zod'
import { ACTOR_TYPES, type StatusChange } from '../../../core/domain/experiment.js'
import { iso, Status, Timestamp } from './json-fields.js'
import type { Representation } from './representation.js'

/** One status transition of an experiment. */
export const StatusChangeJson = z
  .strictObject({
    from: Status,
    to: Status,
    at: Timestamp,
    actor: z.strictObject({ type: z.enum(ACTOR_TYPES), id: z.string() }),
  })
  .meta({ title: 'StatusChange' })
/** One status transition as the HTTP API returns it. */
export type StatusChangeJson = z.output<typeof StatusChangeJson>

/** An experiment's status history, oldest first. */
export const HistoryJson = z
  .strictObject({ results: z.array(StatusChangeJson).describe('Oldest first.') })
  .meta({ title: 'History' })
/** An experiment's status history as the HTTP API returns it. */
export type HistoryJson = z.output<typeof HistoryJson>

/** Serializes a status history, keeping its order (oldest first). */
export function toHistoryJson(history: readonly StatusChange[]): HistoryJson {
  return {
    results: history.map((change) => ({
      from: change.from,
      to: change.to,
      at: iso(change.at),
      actor: { type: change.actor.type, id: change.actor.id },
    })),
  }
}

/** A status history on the wire. */
export const HISTORY: Representation<readonly StatusChange[]> = {
  name: 'History',
  schema: HistoryJson,
  parts: { StatusChange: StatusChangeJson },
  toJson: toHistoryJson,
}
