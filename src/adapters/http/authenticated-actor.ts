import { Actor } from '../../core/domain/experiment.js'

/**
 * What the host's `authenticate` answered, checked: `null` or `undefined` is "nobody" (401),
 * a well-formed {@link Actor} is the caller. Anything else is a bug in the host's
 * `authenticate`, not a refusal of the caller, so it throws: the handler reports the throw to
 * `onError` and answers 500 `internal_error`, instead of a 403 that would hide the bug.
 *
 * @example
 * ```ts
 * authenticatedActor({ type: 'user', id: '42' }) // { type: 'user', id: '42' }
 * authenticatedActor(null) // null
 * authenticatedActor({ type: 'robot', id: '42' }) // throws TypeError
 * ```
 */
export function authenticatedActor(answer: unknown): Actor | null {
  if (answer === null || answer === undefined) return null
  const parsed = Actor.safeParse(answer)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(the value)'}: ${issue.message}`)
    .join('; ')
  throw new TypeError(
    `flag-experiments: the host's authenticate returned an invalid actor (${issues}); ` +
      "expected { type: 'user' | 'api_key' | 'system', id: a non-empty string }, or null for no caller",
  )
}
