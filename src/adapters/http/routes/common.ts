import type { QueryParameterDoc } from '../route-definition.js'

/** An environment, the root of every path below the base path. */
export const ENVIRONMENT_PATH = '/environments/{environmentKey}/'

/** The environment's experiments. */
export const EXPERIMENTS_PATH = `${ENVIRONMENT_PATH}experiments/`

/** One experiment; the operations on it live below. */
export const EXPERIMENT_PATH = `${EXPERIMENTS_PATH}{experimentId}/`

/** The environment's metric catalogue. */
export const METRICS_PATH = `${ENVIRONMENT_PATH}metrics/`

/** One metric of the catalogue. */
export const METRIC_PATH = `${METRICS_PATH}{metricId}/`

/** Problem codes of a write on an existing experiment. */
export const EXPERIMENT_WRITE_ERRORS = ['experiment_not_found', 'version_mismatch'] as const

/** Problem codes of a write on an existing metric. */
export const METRIC_WRITE_ERRORS = ['metric_not_found', 'version_mismatch'] as const

/** The paging parameters the experiments' and the metrics' lists share. */
export const PAGING_PARAMETERS: Readonly<Record<string, QueryParameterDoc>> = {
  q: { description: 'Keep only names containing this text, ignoring case.' },
  limit: { description: 'Page size: a plain decimal integer from 1 to 200.' },
  cursor: { description: 'The `next_cursor` of the previous page.' },
}
