/**
 * In-memory adapters for every port: `flag-experiments/memory`.
 *
 * @packageDocumentation
 */
export { createMemoryAdapters } from './adapters/memory/memory-adapters.js'
export type {
  MemoryAdapters,
  MemoryAdaptersOptions,
  MemoryPermissions,
} from './adapters/memory/memory-adapters.js'
export { createMemoryAuditLog } from './adapters/memory/memory-audit-log.js'
export type { MemoryAuditLog } from './adapters/memory/memory-audit-log.js'
export { createMemoryRepository } from './adapters/memory/memory-repository.js'
export type { MemoryRepository, MemoryRepositoryContents } from './adapters/memory/memory-repository.js'
export { createMemoryMetricRepository } from './adapters/memory/memory-metric-repository.js'
export type {
  MemoryMetricRepository,
  MemoryMetricRepositoryContents,
} from './adapters/memory/memory-metric-repository.js'
export { createMemoryStore } from './adapters/memory/memory-store.js'
export type { MemoryStore } from './adapters/memory/memory-store.js'
export { createManualClock } from './adapters/memory/manual-clock.js'
export type { ClockStep, ManualClock } from './adapters/memory/manual-clock.js'
export { createMemoryResultsHistory } from './adapters/memory/memory-results-history.js'
export { createMemoryExperimentData } from './adapters/memory/memory-experiment-data.js'
