import { sql, type RawBuilder } from 'kysely'

/** The schema the library's tables live in when a host does not choose one. */
export const DEFAULT_SCHEMA = 'public'

/** Names of the library's own tables, the same in every schema. */
export const TABLE_NAMES = {
  experiments: 'flag_experiments',
  history: 'flag_experiments_history',
  audit: 'flag_experiments_audit',
  /** The environment-scoped metric catalogue. */
  metrics: 'flag_experiments_metrics',
  /** Which metrics an experiment lists, in order, with their roles. */
  experimentMetrics: 'flag_experiments_experiment_metrics',
  /** Completed experiments' frozen results, one row per experiment. */
  finalResults: 'flag_experiments_final_results',
  /** Results snapshots for the lift over time, one row per experiment and UTC day. */
  resultsSnapshots: 'flag_experiments_results_snapshots',
  migration: 'flag_experiments_migration',
  migrationLock: 'flag_experiments_migration_lock',
  /** The partial unique index that keeps one active experiment per (feature, environment). */
  activeSlotIndex: 'flag_experiments_active_slot_key',
  /** The partial unique index that keeps metric names unique (ignoring case) among an environment's live metrics. */
  metricNameIndex: 'flag_experiments_metrics_name_key',
  /** Raised (as a constraint) when a metric an experiment attaches is missing, deleted or foreign. */
  metricAvailable: 'flag_experiments_experiment_metrics_metric_available',
  /** Raised (as a constraint) when a metric change would pull it from under an experiment using it. */
  metricInUse: 'flag_experiments_metrics_in_use',
} as const

/** Schema-qualified, quoted references to the library's tables, for raw SQL. */
export interface LibraryTables {
  readonly schema: RawBuilder<unknown>
  readonly experiments: RawBuilder<unknown>
  readonly history: RawBuilder<unknown>
  readonly audit: RawBuilder<unknown>
  readonly metrics: RawBuilder<unknown>
  readonly experimentMetrics: RawBuilder<unknown>
  readonly finalResults: RawBuilder<unknown>
  readonly resultsSnapshots: RawBuilder<unknown>
}

/** The library's tables in `schema`, quoted so that any schema name is safe. */
export function libraryTables(schema: string = DEFAULT_SCHEMA): LibraryTables {
  if (schema.length === 0 || schema.length > 63) {
    throw new RangeError(
      `flag-experiments: schema name must be 1..63 characters, got ${JSON.stringify(schema)}`,
    )
  }
  return {
    schema: sql.id(schema),
    experiments: sql.id(schema, TABLE_NAMES.experiments),
    history: sql.id(schema, TABLE_NAMES.history),
    audit: sql.id(schema, TABLE_NAMES.audit),
    metrics: sql.id(schema, TABLE_NAMES.metrics),
    experimentMetrics: sql.id(schema, TABLE_NAMES.experimentMetrics),
    finalResults: sql.id(schema, TABLE_NAMES.finalResults),
    resultsSnapshots: sql.id(schema, TABLE_NAMES.resultsSnapshots),
  }
}
