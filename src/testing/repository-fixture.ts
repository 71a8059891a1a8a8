import type { AuditEntry } from '../core/domain/audit-entry.js'
import type { Experiment, StatusChange } from '../core/domain/experiment.js'
import type { Metric } from '../core/domain/metric.js'
import type { ExperimentRepository } from '../ports/experiment-repository.js'
import type { MetricRepository } from '../ports/metric-repository.js'

/**
 * A back door into what an {@link ExperimentRepository} really stored, bypassing it: raw SQL
 * for a database, the audit sink's own records for memory.
 */
export interface StoredState {
  /** The stored row, deleted or not, of any environment; `null` when there is none. */
  experiment(id: string): Promise<Experiment | null>
  /** The stored history rows of an experiment, oldest first. */
  history(id: string): Promise<readonly StatusChange[]>
  /** The audit entries the audit sink received about an experiment or a metric (its subject), oldest first. */
  auditEntries(id: string): Promise<readonly AuditEntry[]>
  /** The stored metric row, deleted or not, of any environment; `null` when there is none. */
  metric(id: string): Promise<Metric | null>
}

/**
 * What a host's factory hands {@link testExperimentRepository} and {@link testMetricRepository}
 * for one test: fresh, empty state.
 */
export interface RepositoryFixture {
  readonly repository: ExperimentRepository
  /** The metric catalogue over the same store: experiments attach its metrics. */
  readonly metrics: MetricRepository
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
