import { z } from 'zod'
import { ACTOR_TYPES, EXPERIMENT_STATUSES } from '../../core/domain/experiment.js'

const Status = z.enum(EXPERIMENT_STATUSES)
const Timestamp = z.iso.datetime().describe('ISO 8601 instant in UTC, e.g. 2026-01-01T00:00:00.000Z.')

/** An experiment as the HTTP API returns it: snake_case, timestamps as ISO 8601 UTC strings. */
export const ExperimentJson = z
  .strictObject({
    id: z.guid(),
    feature: z.string().describe('The id of the host feature (flag) under test.'),
    name: z.string(),
    hypothesis: z.string(),
    status: Status,
    created_at: Timestamp,
    updated_at: Timestamp,
    started_at: Timestamp.nullable().describe('Set on the first start; a resume keeps it.'),
    ended_at: Timestamp.nullable().describe('Set on completion.'),
    running_seconds: z.int().nonnegative().describe('Whole seconds spent running, pauses excluded.'),
    version: z.int().min(1).describe('Grows by one on every change; also sent as the ETag.'),
  })
  .meta({ title: 'Experiment' })
/** An experiment as the HTTP API returns it. */
export type ExperimentJson = z.output<typeof ExperimentJson>

/** A page of experiments with the environment's counts per status. */
export const ExperimentListJson = z
  .strictObject({
    results: z.array(ExperimentJson).describe('Newest first.'),
    next_cursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to read the next page; null on the last page.'),
    status_counts: z
      .strictObject(
        Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, z.int().nonnegative()])) as Record<
          (typeof EXPERIMENT_STATUSES)[number],
          z.ZodInt
        >,
      )
      .describe('Per status, narrowed by `feature` and `q` but not by `status`.'),
  })
  .meta({ title: 'ExperimentList' })
/** A page of experiments as the HTTP API returns it. */
export type ExperimentListJson = z.output<typeof ExperimentListJson>

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
