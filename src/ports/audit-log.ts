import type { AuditEntry } from '../core/domain/audit-entry.js'

/**
 * Receives audit entries inside the unit of work of the change they describe. A repository
 * calls it while its write is still undone: if `append` rejects, the change is rolled back.
 *
 * `UnitOfWork` is whatever the repository's transactions are (a Kysely `Transaction`, say),
 * so a host can write entries into its own audit table atomically with the change.
 */
export interface AuditLog<UnitOfWork = void> {
  append(entry: AuditEntry, unitOfWork: UnitOfWork): Promise<void>
}
