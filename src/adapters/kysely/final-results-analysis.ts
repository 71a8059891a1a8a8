import type { ComparisonGuidance, ResultsAnalysis, VariantComparison } from '../../core/domain/results.js'
import { ANALYSIS_METHODS } from '../../core/domain/statistics/analysis-settings.js'
import { CORRECTIONS } from '../../core/domain/statistics/multiple-comparisons.js'
import { invalid, numberColumn, oneOf, type Row } from './row-values.js'

/*
 * The parts of a frozen body that say how its figures were computed. Bodies frozen before they
 * were recorded lack them, so each is read only when present, and then as strictly as the rest.
 */

const METHODS = new Set<unknown>(ANALYSIS_METHODS)
const CORRECTION_SET = new Set<unknown>(CORRECTIONS)

function objectAt(row: Row, field: string): Row {
  const value = row[field]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Row)
    : invalid(field, value)
}

function optionalNumberAt(row: Row, field: string): number | null {
  return row[field] === null ? null : numberColumn(row, field)
}

function guidanceOf(row: Row): ComparisonGuidance | null {
  if (row.guidance === null) return null
  const guidance = objectAt(row, 'guidance')
  return {
    minimumEffect: numberColumn(guidance, 'minimumEffect'),
    power: numberColumn(guidance, 'power'),
    additionalIdentities: optionalNumberAt(guidance, 'additionalIdentities'),
    days: optionalNumberAt(guidance, 'days'),
  }
}

/** A stored comparison's `pValueUnadjusted` and `guidance`, each only when the body has it. */
export function comparisonAnalysis(row: Row): Pick<VariantComparison, 'pValueUnadjusted' | 'guidance'> {
  return {
    ...('pValueUnadjusted' in row ? { pValueUnadjusted: optionalNumberAt(row, 'pValueUnadjusted') } : {}),
    ...('guidance' in row ? { guidance: guidanceOf(row) } : {}),
  }
}

/** A stored body's `analysis`, when it has one. */
export function resultsAnalysis(body: Row): { analysis?: ResultsAnalysis } {
  if (!('analysis' in body)) return {}
  const analysis = objectAt(body, 'analysis')
  const minimumSample = objectAt(analysis, 'minimumSample')
  const guidance = objectAt(analysis, 'guidance')
  const cuped = analysis.cupedMetrics
  if (!Array.isArray(cuped)) return invalid('cupedMetrics', cuped)
  return {
    analysis: {
      method: oneOf(METHODS, analysis, 'method'),
      sequentialTuning: numberColumn(analysis, 'sequentialTuning'),
      alpha: numberColumn(analysis, 'alpha'),
      correction: oneOf(CORRECTION_SET, analysis, 'correction'),
      minimumSample: {
        identities: numberColumn(minimumSample, 'identities'),
        conversions: numberColumn(minimumSample, 'conversions'),
      },
      guidance: {
        minimumEffect: numberColumn(guidance, 'minimumEffect'),
        targetPower: numberColumn(guidance, 'targetPower'),
      },
      cupedMetrics: cuped.map((id: unknown, i) =>
        typeof id === 'string' ? id : invalid(`cupedMetrics.${i}`, id),
      ),
      ...('preExposureDays' in analysis && { preExposureDays: numberColumn(analysis, 'preExposureDays') }),
    },
  }
}
