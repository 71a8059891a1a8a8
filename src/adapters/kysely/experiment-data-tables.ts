import { sql, type RawBuilder } from 'kysely'
import { DEFAULT_SCHEMA, libraryTables } from './library-tables.js'

/** Names of the tables exposures and events are stored in, the same in every schema. */
export const EXPERIMENT_DATA_TABLE_NAMES = {
  exposures: 'flag_experiments_exposures',
  events: 'flag_experiments_events',
} as const

/** Schema-qualified, quoted references to the exposures and events tables, for raw SQL. */
export interface ExperimentDataTables {
  readonly schema: RawBuilder<unknown>
  readonly experiments: RawBuilder<unknown>
  readonly exposures: RawBuilder<unknown>
  readonly events: RawBuilder<unknown>
}

/** The exposures and events tables in `schema` (checked as for the library's other tables). */
export function experimentDataTables(schema: string = DEFAULT_SCHEMA): ExperimentDataTables {
  const library = libraryTables(schema)
  return {
    schema: library.schema,
    experiments: library.experiments,
    exposures: sql.id(schema, EXPERIMENT_DATA_TABLE_NAMES.exposures),
    events: sql.id(schema, EXPERIMENT_DATA_TABLE_NAMES.events),
  }
}
