import { AuditFeedInput } from '../../../core/domain/audit-feed-input.js'
import { AUDIT_FEED } from '../json/audit-json.js'
import { defineRoute, type RouteQuery } from '../route-definition.js'
import { ENVIRONMENT_PATH, EXPERIMENT_PATH } from './common.js'

/** The paging of an audit feed, resumable from a cursor. */
const FEED_QUERY: RouteQuery = {
  schema: AuditFeedInput,
  multiValued: [],
  docs: {
    cursor: {
      description:
        'The `next_cursor` of a previous page; without it the feed reads from its start. Anything else is 400 `validation_failed`.',
    },
    limit: { description: 'Page size: a plain decimal integer from 1 to 1000 (default 100).' },
  },
}

/** Every change as an ordered, resumable feed: the environment's, and one experiment's. */
export const AUDIT_ROUTES = [
  defineRoute({
    operationId: 'getAuditFeed',
    method: 'GET',
    path: `${ENVIRONMENT_PATH}audit/`,
    tag: 'audit',
    summary: "Read the environment's audit entries as a feed, oldest first, from a cursor",
    action: 'view',
    query: FEED_QUERY,
    success: 200,
    response: AUDIT_FEED,
    errors: ['audit_feed_not_supported'],
    call: ({ service, actor, environmentKey, query }) => service.auditFeed(actor, environmentKey, query),
  }),
  defineRoute({
    operationId: 'getExperimentAudit',
    method: 'GET',
    path: `${EXPERIMENT_PATH}audit/`,
    tag: 'audit',
    summary: "Read one experiment's audit entries (a deleted one's too), oldest first, from a cursor",
    action: 'view',
    query: FEED_QUERY,
    success: 200,
    response: AUDIT_FEED,
    errors: ['experiment_not_found', 'audit_feed_not_supported'],
    call: ({ service, actor, environmentKey, id, query }) =>
      service.experimentAudit(actor, environmentKey, id, query),
  }),
]
