import { err, ok, type Result } from 'neverthrow'
import { z } from 'zod'
import { errors, type ExperimentErrorOf, type ValidationIssue } from './errors.js'
import { ExperimentAnalysisInput } from './experiment-analysis.js'
import { ExperimentMetricsInput } from './experiment-metrics.js'
import { ExperimentVersion } from './experiment.js'
import { InstantText } from './instant.js'
import { expectedMessage, fieldMessage } from './issue-message.js'
import { RolloutInput } from './rollout.js'
import { EXPERIMENT_STATUSES } from './vocabulary.js'
import { hasNoNul, trimmedText } from './text-rules.js'

/** A host feature's id: text of 1..255 characters or a non-negative integer; `error` replaces every message. */
function featureReference(error?: string) {
  return z
    .union(
      [
        z.string({ error }).trim().min(1).max(255).refine(hasNoNul, 'Must not contain NUL characters.'),
        z.number({ error }).int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      ],
      { error },
    )
    .transform(String)
}

/** A host feature's id as a caller names it: a string, or a non-negative integer (made a string). */
export const FeatureReference = featureReference()

/**
 * A moment of an experiment's schedule: an ISO 8601 date and time with its offset (`Z` or
 * `+02:00`) in the accepted range ({@link InstantText}), made a `Date`; `null` clears the field.
 */
export const ScheduleTime = InstantText.nullable()

const SCHEDULED_START =
  'When the scheduler starts it (ISO 8601 with offset); only before the first start, before the end.'
const SCHEDULED_END =
  'When the scheduler completes it, once started (ISO 8601 with offset); only until completion.'

/**
 * What a caller sends to create an experiment; `feature` is the host feature's id. `metrics`
 * default to none, `rollout` to all traffic split equally over the feature's variants and
 * `analysis` to the default setting (each of its fields too).
 */
export const CreateExperimentInput = z.strictObject({
  feature: FeatureReference,
  name: trimmedText(1, 255),
  hypothesis: trimmedText(1, 10_000),
  metrics: ExperimentMetricsInput.optional(),
  rollout: RolloutInput.optional(),
  analysis: ExperimentAnalysisInput.optional(),
  scheduledStartAt: ScheduleTime.optional().describe(SCHEDULED_START),
  scheduledEndAt: ScheduleTime.optional().describe(SCHEDULED_END),
})
/** What a caller sends to create an experiment. */
export type CreateExperimentInput = z.input<typeof CreateExperimentInput>

/**
 * What a caller sends to update an experiment: `name`, `hypothesis` and/or the schedule
 * (`null` clears a scheduled time). `feature` is accepted only when it names the experiment's
 * current feature.
 */
export const UpdateExperimentInput = z.strictObject({
  name: trimmedText(1, 255).optional(),
  hypothesis: trimmedText(1, 10_000).optional(),
  feature: FeatureReference.optional(),
  scheduledStartAt: ScheduleTime.optional().describe(`${SCHEDULED_START} null clears it.`),
  scheduledEndAt: ScheduleTime.optional().describe(`${SCHEDULED_END} null clears it.`),
})
/** What a caller sends to update an experiment. */
export type UpdateExperimentInput = z.input<typeof UpdateExperimentInput>

const MAX_STATUS_FILTERS = EXPERIMENT_STATUSES.length * 4
const MAX_PAGE_SIZE = 200

/**
 * What each list filter expects, said in one sentence that names it: the message of every
 * problem with that filter (zod's own wording describes types, not the parameter).
 */
export const LIST_FILTER_MESSAGES = {
  status: `status must be one of ${EXPERIMENT_STATUSES.join(', ')}`,
  statusCount: `status must name at most ${MAX_STATUS_FILTERS} statuses`,
  feature: 'feature must be a feature id (1 to 255 characters, or a non-negative integer)',
  q: 'q must be one text of at most 255 characters, without NUL characters',
  limit: `limit must be an integer from 1 to ${MAX_PAGE_SIZE}`,
  cursor: 'cursor is not a valid cursor',
  deleted: 'deleted must be true or false',
} as const

/** What a caller sends to replace an experiment's metrics: the whole list, in order. */
export const SetMetricsInput = z.strictObject({ metrics: ExperimentMetricsInput })
/** What a caller sends to replace an experiment's metrics. */
export type SetMetricsInput = z.input<typeof SetMetricsInput>

/** Which feature's active experiment a caller asks for. */
export const ActiveExperimentInput = z.strictObject({ feature: FeatureReference })

/** Filters and paging for a list of experiments. */
export const ListExperimentsInput = z.strictObject({
  /** Keep only these statuses (any of them). */
  status: z
    .array(z.enum(EXPERIMENT_STATUSES, { error: LIST_FILTER_MESSAGES.status }), {
      error: LIST_FILTER_MESSAGES.status,
    })
    .max(MAX_STATUS_FILTERS, { error: LIST_FILTER_MESSAGES.statusCount })
    .optional(),
  /** Keep only experiments on this feature. */
  feature: featureReference(LIST_FILTER_MESSAGES.feature).optional(),
  /** Keep only experiments whose name contains this text, ignoring case. */
  q: z.string({ error: LIST_FILTER_MESSAGES.q }).max(255).refine(hasNoNul).optional(),
  /** Page size, 1..200. */
  limit: z.number({ error: LIST_FILTER_MESSAGES.limit }).int().min(1).max(MAX_PAGE_SIZE).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string({ error: LIST_FILTER_MESSAGES.cursor }).max(512).optional(),
  /** `true`: the trash, deleted experiments only (the one read that shows them); default `false`. */
  deleted: z.boolean({ error: LIST_FILTER_MESSAGES.deleted }).optional(),
})
/** Filters and paging for a list of experiments. */
export type ListExperimentsInput = z.input<typeof ListExperimentsInput>

/** Options of every write: `expectedVersion` makes it a compare-and-set (HTTP `If-Match`). */
export const WriteOptions = z.strictObject({
  expectedVersion: ExperimentVersion.optional(),
})
/** Options of every write. */
export type WriteOptions = z.input<typeof WriteOptions>

const READ_ONLY_HINTS: Readonly<Record<string, string>> = {
  status: 'status is read-only: change it with the start, pause and complete actions.',
  version: 'version is read-only: send the version you expect as If-Match (expectedVersion) instead.',
  id: 'id is read-only: it is assigned by the server.',
}

function unknownKeyMessage(key: string): string {
  const hint = Object.hasOwn(READ_ONLY_HINTS, key) ? READ_ONLY_HINTS[key] : undefined
  if (hint !== undefined) return hint
  if (/^(created|updated|started|ended|deleted)_?at$|^running_?seconds$/i.test(key)) {
    return `${key} is read-only: it is maintained by the server; remove it from the request.`
  }
  return `${key} is not a known field; remove it from the request.`
}

/** Whether `path` names a field that is absent (or `undefined`) in an object of `input`. */
function isMissingField(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false
  let value: unknown = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return false
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value === undefined
}

/** Stands for "zod's own message" while parsing: an issue carrying it is described by {@link expectedMessage}. */
const ZOD_DEFAULT = '\u0000zod-default'

function toIssues(schema: z.ZodType, error: z.ZodError, input: unknown): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: unknownKeyMessage(key),
      }))
    }
    // zod reports an absent required field as a type mismatch ("Invalid input"); say what is wrong.
    if (isMissingField(input, issue.path)) return [{ path, message: `${path} is required.` }]
    const message =
      issue.message === ZOD_DEFAULT
        ? expectedMessage(schema, issue, input)
        : fieldMessage(path, issue.message)
    return [{ path, message }]
  })
}

/**
 * Parses untrusted input with a schema, turning every problem into a `validation_failed` error
 * whose issues each name their field and say what it expects (`feature: expected a string of
 * 1..255 characters …, got boolean`).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, ExperimentErrorOf<'validation_failed'>> {
  const parsed = schema.safeParse(input, { error: () => ZOD_DEFAULT })
  return parsed.success
    ? ok(parsed.data)
    : err(errors.validationFailed(toIssues(schema, parsed.error, input)))
}
