import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow'
import { parseAuditFeedInput, type AuditFeedInput } from '../domain/audit-feed-input.js'
import { errors, type ExperimentError } from '../domain/errors.js'
import type { AuditFeedPage } from '../domain/feed-cursor.js'
import type { AuditFeed } from '../../ports/audit-feed.js'
import { checkAccess } from './access-check.js'
import { findVisibleExperiment } from './read-experiments.js'
import type { Caller, ServiceContext } from './service-context.js'

/** The feed the service reads, or `audit_feed_not_supported` when the host's sink is not one. */
function feedOf(context: ServiceContext): Result<AuditFeed, ExperimentError> {
  return context.auditFeed === null ? err(errors.auditFeedNotSupported()) : ok(context.auditFeed)
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
    const request = yield* parseAuditFeedInput(query)
    const feed = yield* feedOf(context)
    return ok(await feed.entriesSince(request, { environmentId: environment.id }))
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
    const request = yield* parseAuditFeedInput(query)
    const feed = yield* feedOf(context)
    const lookup = { environmentId: environment.id, experimentId, includeDeleted: true }
    const found = await findVisibleExperiment(context, lookup)
    if (found === null) return err(errors.experimentNotFound(String(experimentId)))
    return ok(await feed.entriesSince(request, { environmentId: environment.id, experimentId: found.id }))
  })
}
