import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import type { z } from 'zod'
import { AUDIT_FEED_MESSAGES, AuditFeedInput } from '../domain/audit-feed-input.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { AuditFeedError, AuditFeedPage } from '../domain/feed-cursor.js'
import { parseInput } from '../domain/schemas.js'
import type { AuditFeed, AuditFeedOptions } from '../../ports/audit-feed.js'
import { checkAccess } from './access-check.js'
import { findVisibleExperiment } from './read-experiments.js'
import type { Caller, ServiceContext } from './service-context.js'

/** A feed read's refusal as the service reports it: a validation issue naming the parameter. */
function feedError(error: AuditFeedError): ExperimentError {
  const path = error.code === 'invalid_cursor' ? 'cursor' : 'limit'
  return errors.validationFailed([{ path, message: AUDIT_FEED_MESSAGES[path] }])
}

/** The feed the service reads, or `audit_feed_not_supported` when the host's sink is not one. */
function feedOf(context: ServiceContext): Result<AuditFeed, ExperimentError> {
  return context.auditFeed === null ? err(errors.auditFeedNotSupported()) : ok(context.auditFeed)
}

/** One page of the feed with the given filter, from the caller's cursor (or the start). */
async function readPage(
  feed: AuditFeed,
  { cursor, limit }: z.output<typeof AuditFeedInput>,
  options: AuditFeedOptions,
): Promise<Result<AuditFeedPage, ExperimentError>> {
  return (await feed.entriesSince(cursor ?? null, limit, options)).mapErr(feedError)
}

/**
 * The environment's audit entries after the caller's cursor, oldest first (experiments' and
 * metrics' alike), with where to resume: never null, the same cursor again when nothing is new.
 */
export function readAuditFeed(
  context: ServiceContext,
  caller: Caller,
  query: AuditFeedInput | undefined,
): ResultAsync<AuditFeedPage, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const input = yield* parseInput(AuditFeedInput, query ?? {})
    const feed = yield* feedOf(context)
    return readPage(feed, input, { environmentId: environment.id })
  })
}

/**
 * One experiment's audit entries after the caller's cursor, oldest first, with where to resume.
 * A deleted experiment's entries stay readable (its trash item links here); an unknown one, or
 * one of another environment, is `experiment_not_found`.
 */
export function readExperimentAudit(
  context: ServiceContext,
  caller: Caller,
  experimentId: string,
  query: AuditFeedInput | undefined,
): ResultAsync<AuditFeedPage, ExperimentError> {
  return safeTry(async function* () {
    const { environment } = yield* checkAccess(context, caller, 'view')
    const input = yield* parseInput(AuditFeedInput, query ?? {})
    const feed = yield* feedOf(context)
    const lookup = { environmentId: environment.id, experimentId, includeDeleted: true }
    const found = await findVisibleExperiment(context, lookup)
    if (found === null) return err(errors.experimentNotFound(String(experimentId)))
    return readPage(feed, input, { environmentId: environment.id, experimentId: found.id })
  })
}
