import { readFileSync } from 'node:fs'
import type { AssignmentRollout } from '../../../src/core/domain/assignment/assignment-rollout.js'

/** One reference case: a rollout, identities, and the variant (or `null`) GrowthBook gives each. */
export type AssignmentVector = AssignmentRollout & {
  readonly identities: readonly string[]
  readonly expected: readonly (string | null)[]
}

/** The `assignment` cases of test/data/results-vectors.json, computed with GrowthBook's SDK 1.8.0. */
export const assignmentVectors = (
  JSON.parse(readFileSync(new URL('../../data/results-vectors.json', import.meta.url), 'utf8')) as {
    assignment: AssignmentVector[]
  }
).assignment
