import { z } from 'zod'
import { Instant } from './instant.js'
import { EventName } from './metric.js'
import { isStorableText, UUID_REGEX } from './text-rules.js'

/** How many items one batch of exposures or events may hold. */
export const MAX_INGEST_BATCH = 1000

/**
 * The largest magnitude an event's `value` may have: any amount in any currency's smallest unit,
 * and still an exact integer in double precision. Within it, the sums and sums of squares
 * results compute cannot overflow: 2⁶³ events of 1e15 square to about 1e68 per identity.
 */
export const MAX_EVENT_VALUE = 1e15
const VALUE_RANGE = 'Must be a finite number from -1e15 to 1e15, or null.'

/** A UUID in any case, made lower case (the form ids are stored and compared in). */
function uuid(message: string) {
  return z
    .string()
    .regex(UUID_REGEX, message)
    .transform((id) => id.toLowerCase())
}

/** Text compared exactly (not trimmed): 1..255 characters (code points) a database can store. */
function exactKey() {
  return z
    .string()
    .refine(isStorableText, {
      message: 'Must be valid Unicode text without NUL characters.',
    })
    .refine((value) => value.length > 0, 'Must not be empty.')
    .refine((value) => [...value].length <= 255, 'Must be at most 255 characters.')
}

function batchOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1, 'A batch holds at least one item.')
    .max(MAX_INGEST_BATCH, `A batch holds at most ${MAX_INGEST_BATCH} items.`)
}

/**
 * A batch of exposures a caller sends: 1..1000 items, each naming an experiment (its id), the
 * identity exposed, the variant it saw and when. Whether each experiment has started in the
 * environment and has that variant is checked against the experiments by the service.
 */
export const RecordExposuresInput = z.strictObject({
  exposures: batchOf(
    z
      .strictObject({
        experiment: uuid('Must be an experiment id (a UUID).'),
        identity: exactKey(),
        variant: exactKey(),
        at: Instant,
      })
      .transform(({ experiment, identity, variant, at }) => ({
        experimentId: experiment,
        identity,
        variant,
        at,
      })),
  ),
})
/** A batch of exposures a caller sends. */
export type RecordExposuresInput = z.input<typeof RecordExposuresInput>

/**
 * A batch of events a caller sends: 1..1000 items, each with the sender's id (a UUID, the
 * idempotency key), the identity, the event's name (as a metric's event is written), an optional
 * finite `value` of at most ±{@link MAX_EVENT_VALUE} and when it happened.
 */
export const RecordEventsInput = z.strictObject({
  events: batchOf(
    z
      .strictObject({
        id: uuid('Must be a UUID chosen by the sender.'),
        identity: exactKey(),
        event: EventName,
        value: z
          .number(VALUE_RANGE)
          .min(-MAX_EVENT_VALUE, VALUE_RANGE)
          .max(MAX_EVENT_VALUE, VALUE_RANGE)
          .nullish(),
        at: Instant,
      })
      .transform(({ id, identity, event, value, at }) => ({ id, identity, event, value: value ?? null, at })),
  ),
})
/** A batch of events a caller sends. */
export type RecordEventsInput = z.input<typeof RecordEventsInput>
