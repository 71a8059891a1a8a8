import type { AuditFeed } from '../../ports/audit-feed.js'

/**
 * The audit log as an {@link AuditFeed} when it is one (the library's own logs are; a host's
 * sink may be), else `undefined`: an adapter factory hands it to the service only then.
 */
export function auditFeedOf(auditLog: unknown): AuditFeed | undefined {
  const candidate = auditLog as Partial<AuditFeed> | null | undefined
  return typeof candidate?.entriesSince === 'function' ? (candidate as AuditFeed) : undefined
}
