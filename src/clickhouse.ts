/**
 * ClickHouse adapter for exposures, events and results at scale: `flag-experiments/clickhouse`.
 * Needs `@clickhouse/client` (an optional peer dependency: install it only to use this entry).
 *
 * @packageDocumentation
 */
export { createClickHouseExperimentData } from './adapters/clickhouse/clickhouse-experiment-data.js'
export type { ClickHouseExperimentDataOptions } from './adapters/clickhouse/clickhouse-experiment-data.js'
export { migrateClickHouse } from './adapters/clickhouse/migrate-clickhouse.js'
export { clickHouseSchema, CLICKHOUSE_TABLE_NAMES } from './adapters/clickhouse/clickhouse-schema.js'
export type { ClickHouseSchemaOptions } from './adapters/clickhouse/clickhouse-schema.js'
export type { ClickHouseSources } from './adapters/clickhouse/clickhouse-sources.js'
export type { ClickHouseClientSlice } from './adapters/clickhouse/clickhouse-client.js'
export { ClickHouseDataError } from './adapters/clickhouse/clickhouse-data-error.js'
export type { ClickHouseDataErrorCode } from './adapters/clickhouse/clickhouse-data-error.js'
export { IDENTIFIER_PATTERN } from './adapters/clickhouse/clickhouse-identifier.js'
