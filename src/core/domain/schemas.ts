import { err, ok, type Result } from 'neverthrow'
import { z } from 'zod'
import { errors, type ExperimentErrorOf, type ValidationIssue } from './errors.js'
import { ExperimentMetricsInput } from './experiment-metrics.js'
import { EXPERIMENT_STATUSES, ExperimentVersion } from './experiment.js'
import { RolloutInput } from './rollout.js'

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A trimmed string of `min..max` characters (Unicode code points) that any database can store. */
function trimmedText(min: number, max: number) {
  return z
    .string()
    .trim()
    .refine((value) => !value.includes('\u0000') && !LONE_SURROGATE.test(value), {
      message: 'Must be valid Unicode text without NUL characters.',
    })
    .refine((value) => codePoints(value) >= min, { message: `Must not be empty.` })
    .refine((value) => codePoints(value) <= max, { message: `Must be at most ${max} characters.` })
    .meta({ minLength: min, maxLength: max })
}

function codePoints(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

/** A host feature's id as a caller names it: a string, or a non-negative integer (made a string). */
export const FeatureReference = z
  .union([
    z
      .string()
      .trim()
      .min(1)
      .max(255)
      .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters.'),
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  ])
  .transform(String)

/**
 * What a caller sends to create an experiment; `feature` is the host feature's id. `metrics`
 * default to none and `rollout` to all traffic split equally over the feature's variants.
 */
export const CreateExperimentInput = z.strictObject({
  feature: FeatureReference,
  name: trimmedText(1, 255),
  hypothesis: trimmedText(1, 10_000),
  metrics: ExperimentMetricsInput.optional(),
  rollout: RolloutInput.optional(),
})
/** What a caller sends to create an experiment. */
export type CreateExperimentInput = z.input<typeof CreateExperimentInput>

/**
 * What a caller sends to update an experiment: `name` and/or `hypothesis`. `feature` is
 * accepted only when it names the experiment's current feature.
 */
export const UpdateExperimentInput = z.strictObject({
  name: trimmedText(1, 255).optional(),
  hypothesis: trimmedText(1, 10_000).optional(),
  feature: FeatureReference.optional(),
})
/** What a caller sends to update an experiment. */
export type UpdateExperimentInput = z.input<typeof UpdateExperimentInput>

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
    .array(z.enum(EXPERIMENT_STATUSES))
    .max(EXPERIMENT_STATUSES.length * 4)
    .optional(),
  /** Keep only experiments on this feature. */
  feature: FeatureReference.optional(),
  /** Keep only experiments whose name contains this text, ignoring case. */
  q: z
    .string()
    .max(255)
    .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters.')
    .optional(),
  /** Page size, 1..200. */
  limit: z.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().max(512).optional(),
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

function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: unknownKeyMessage(key),
      }))
    }
    return [{ path, message: issue.message }]
  })
}

/** Parses untrusted input with a schema, turning every problem into a `validation_failed` error. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): Result<z.output<S>, ExperimentErrorOf<'validation_failed'>> {
  const parsed = schema.safeParse(input)
  return parsed.success ? ok(parsed.data) : err(errors.validationFailed(toIssues(parsed.error)))
}
