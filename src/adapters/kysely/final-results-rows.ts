import type {
  ExperimentResults,
  MetricResult,
  VariantComparison,
  VariantExposures,
} from '../../core/domain/results.js'
import { CUPED_STATUSES } from '../../core/domain/statistics/cuped-status.js'
import { VERDICTS } from '../../core/domain/statistics/metric-roles.js'
import { EXPECTED_DIRECTIONS, METRIC_ROLES, METRIC_AGGREGATIONS } from '../../core/domain/vocabulary.js'
import { comparisonAnalysis, resultsAnalysis } from './final-results-analysis.js'
import {
  invalid,
  json,
  jsonArray,
  numberColumn,
  oneOf,
  textColumn,
  timestamp,
  type Row,
} from './row-values.js'

/*
 * The body is the JSON the core computed, so each value is checked in place, strictly: a field
 * of the wrong type is a bug (or a row written by something else), never silently passed on.
 * Dates were written as ISO strings and come back as `Date`s.
 */

const ROLES = new Set<unknown>(METRIC_ROLES)
const DIRECTIONS = new Set<unknown>(EXPECTED_DIRECTIONS)
const AGGREGATIONS = new Set<unknown>(METRIC_AGGREGATIONS)
const VERDICT_SET = new Set<unknown>(VERDICTS)
const CUPED_SET = new Set<unknown>(CUPED_STATUSES)

function booleanField(row: Row, field: string): boolean {
  const value = row[field]
  return typeof value === 'boolean' ? value : invalid(field, value)
}

function countField(row: Row, field: string): number {
  const value = numberColumn(row, field)
  return Number.isSafeInteger(value) && value >= 0 ? value : invalid(field, value)
}

function optionalNumber(row: Row, field: string): number | null {
  return row[field] === null ? null : numberColumn(row, field)
}

function objectField(row: Row, field: string): Row {
  const value = row[field]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Row)
    : invalid(field, value)
}

function variantExposures(row: Row): VariantExposures {
  return {
    variant: textColumn(row, 'variant'),
    weight: numberColumn(row, 'weight'),
    exposures: countField(row, 'exposures'),
  }
}

function variantComparison(row: Row): VariantComparison {
  return {
    variant: textColumn(row, 'variant'),
    n: countField(row, 'n'),
    mean: optionalNumber(row, 'mean'),
    absoluteLift: optionalNumber(row, 'absoluteLift'),
    relativeLift: optionalNumber(row, 'relativeLift'),
    ciLow: optionalNumber(row, 'ciLow'),
    ciHigh: optionalNumber(row, 'ciHigh'),
    chanceToWin: optionalNumber(row, 'chanceToWin'),
    pValue: optionalNumber(row, 'pValue'),
    verdict: oneOf(VERDICT_SET, row, 'verdict'),
    ...comparisonAnalysis(row),
  }
}

function metricResult(row: Row): MetricResult {
  const control = objectField(row, 'control')
  return {
    metric: textColumn(row, 'metric'),
    name: textColumn(row, 'name'),
    role: oneOf(ROLES, row, 'role'),
    expectedDirection: oneOf(DIRECTIONS, row, 'expectedDirection'),
    aggregation: oneOf(AGGREGATIONS, row, 'aggregation'),
    control: {
      variant: textColumn(control, 'variant'),
      n: countField(control, 'n'),
      mean: optionalNumber(control, 'mean'),
    },
    variants: jsonArray(row, 'variants', variantComparison),
    // Bodies frozen before the status was recorded lack it.
    ...('cuped' in row ? { cuped: oneOf(CUPED_SET, row, 'cuped') } : {}),
  }
}

/** The stored final results of a row's `body` column, dates as `Date`s; throws on anything else. */
export function parseFinalResults(row: Row): ExperimentResults {
  const bodyValue = json(row, 'body')
  const body = objectField({ body: bodyValue }, 'body')
  const window = body.window === null ? null : objectField(body, 'window')
  const srm = body.srm === null ? null : objectField(body, 'srm')
  return {
    asOf: timestamp(body, 'asOf'),
    isFinal: booleanField(body, 'isFinal'),
    window: window === null ? null : { from: timestamp(window, 'from'), to: timestamp(window, 'to') },
    variants: jsonArray(body, 'variants', variantExposures),
    multipleExposures: countField(body, 'multipleExposures'),
    srm:
      srm === null ? null : { pValue: numberColumn(srm, 'pValue'), mismatch: booleanField(srm, 'mismatch') },
    metrics: jsonArray(body, 'metrics', metricResult),
    ...resultsAnalysis(body),
    dataQuality: dataQualityOf(body),
  }
}

/** The counts of a body; `null` when absent (frozen before they were counted) or `null`. */
function dataQualityOf(body: Row): ExperimentResults['dataQuality'] {
  if (body.dataQuality === undefined || body.dataQuality === null) return null
  const counts = objectField(body, 'dataQuality')
  return {
    exposuresBeforeWindow: countField(counts, 'exposuresBeforeWindow'),
    exposuresAfterWindow: countField(counts, 'exposuresAfterWindow'),
    eventsBeforeExposure: countField(counts, 'eventsBeforeExposure'),
  }
}
