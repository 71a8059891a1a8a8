import type { AuditEntry } from '../core/domain/audit-entry.js'
import type { Experiment, StatusChange } from '../core/domain/experiment.js'
import type { ExperimentRepository } from '../ports/experiment-repository.js'

/**
 * A back door into what an {@link ExperimentRepository} really stored, bypassing it: raw SQL
 * for a database, the audit sink's own records for memory.
 */
export interface StoredState {
  /** The stored row, deleted or not, of any environment; `null` when there is none. */
  experiment(id: string): Promise<Experiment | null>
  /** The stored history rows of an experiment, oldest first. */
  history(id: string): Promise<readonly StatusChange[]>
  /** The audit entries the audit sink received for an experiment, oldest first. */
  auditEntries(id: string): Promise<readonly AuditEntry[]>
}

/** What a host's factory hands {@link testExperimentRepository} for one test: fresh, empty state. */
export interface RepositoryFixture {
  readonly repository: ExperimentRepository
  readonly stored: StoredState
  /**
   * Makes every later audit write fail (a sink that rejects, a trigger that raises), to
   * prove that a change never persists without its audit entry.
   */
  readonly breakAudit: () => Promise<void>
  /** Releases what the fixture holds (a schema, a pool); called after each test. */
  readonly close?: () => Promise<void>
}

/** Creates a fresh {@link RepositoryFixture}; called before every test. */
export type RepositoryFactory = () => RepositoryFixture | Promise<RepositoryFixture>
