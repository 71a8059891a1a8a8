import type { AuditEntry } from '../../core/domain/audit-entry.js'
import type { AuditLog } from '../../ports/audit-log.js'

/** An in-memory {@link AuditLog} whose entries a test can read back. */
export interface MemoryAuditLog extends AuditLog<void> {
  /** Entries in the order they were appended, optionally of one subject (experiment or metric) only. */
  entries(subjectId?: string): AuditEntry[]
}

/** Creates an empty {@link MemoryAuditLog}. */
export function createMemoryAuditLog(): MemoryAuditLog {
  const stored: AuditEntry[] = []
  return {
    append: (entry) => {
      stored.push(structuredClone(entry))
      return Promise.resolve()
    },
    entries: (subjectId) =>
      stored
        .filter((entry) => subjectId === undefined || entry.subject.id === subjectId)
        .map((e) => structuredClone(e)),
  }
}
