import type { Migration, MigrationProvider } from 'kysely'
import { initialMigration } from './migrations/0001-experiments-history-audit.js'
import { designMigration } from './migrations/0002-experiment-design.js'
import { experimentDataMigration } from './migrations/0003-experiment-data.js'
import { auditFeedMigration } from './migrations/0004-audit-feed.js'
import { finalResultsMigration } from './migrations/0005-final-results.js'
import { scheduleMigration } from './migrations/0006-schedule.js'
import { trashMigration } from './migrations/0007-trash.js'
import { startLocksMetricsMigration } from './migrations/0008-start-locks-metrics.js'
import { metricNameKeyMigration } from './migrations/0009-metric-name-key.js'
import { metricTrashMigration } from './migrations/0010-metric-trash.js'
import { resultsHistoryMigration } from './migrations/0012-results-history.js'
import { experimentAnalysisMigration } from './migrations/0013-experiment-analysis.js'

/**
 * The library's migrations, shipped as code for Kysely's `Migrator`, writing into `schema`.
 * Names sort in the order they must run; never rename or edit one that has shipped.
 */
export function experimentMigrations(schema: string): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001_experiments_history_audit': initialMigration(schema),
    '0002_experiment_design': designMigration(schema),
    '0003_experiment_data': experimentDataMigration(schema),
    '0004_audit_feed': auditFeedMigration(schema),
    '0005_final_results': finalResultsMigration(schema),
    '0006_schedule': scheduleMigration(schema),
    '0007_trash': trashMigration(schema),
    '0008_start_locks_metrics': startLocksMetricsMigration(schema),
    '0009_metric_name_key': metricNameKeyMigration(schema),
    '0010_metric_trash': metricTrashMigration(schema),
    '0012_results_history': resultsHistoryMigration(schema),
    '0013_experiment_analysis': experimentAnalysisMigration(schema),
  }
  return { getMigrations: () => Promise.resolve(migrations) }
}
