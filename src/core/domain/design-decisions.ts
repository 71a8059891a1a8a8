import { err, ok } from 'neverthrow'
import { editOf, UNCHANGED, type Decision } from './decisions.js'
import { errors } from './errors.js'
import { sameAnalysis, type ExperimentAnalysis } from './experiment-analysis.js'
import { primaryMetric, sameMetric, sameMetrics, type AttachedMetric } from './experiment-metrics.js'
import type { ExperimentState } from './experiment.js'
import { sameAllocations, sameRollout, type Rollout } from './rollout.js'

/**
 * Decides a change of the metrics an experiment lists (replaced whole, in the order given). A
 * completed experiment keeps its design; once started, the primary attachment (which metric,
 * which way, or whether there is one) is locked, while secondary metrics and guardrails may
 * still change. An equal list changes nothing, completed or not, so a repeated request is
 * answered as the first one was.
 *
 * @example
 * ```ts
 * decideMetricsChange(running, [{ ...checkoutRate, role: 'primary', expectedDirection: 'decrease' }], now)
 * // Err { code: 'primary_metric_locked' } when the primary was 'increase'
 * ```
 */
export function decideMetricsChange(
  current: ExperimentState,
  metrics: readonly AttachedMetric[],
  now: Date,
): Decision {
  if (sameMetrics(current.metrics, metrics)) return ok(UNCHANGED)
  if (current.status === 'completed') return err(errors.experimentCompleted())
  if (current.startedAt !== null && !sameMetric(primaryMetric(current.metrics), primaryMetric(metrics))) {
    return err(errors.primaryMetricLocked())
  }
  return ok(editOf(current, now, { metrics }, 'metrics_changed'))
}

/**
 * Decides a change of an experiment's rollout. A completed experiment keeps its design; once
 * started, the split between variants is locked (changing it mid-test would mix two tests),
 * while the traffic may still ramp up or down. An equal rollout changes nothing, completed or not.
 */
export function decideRolloutChange(current: ExperimentState, rollout: Rollout, now: Date): Decision {
  if (sameRollout(current.rollout, rollout)) return ok(UNCHANGED)
  if (current.status === 'completed') return err(errors.experimentCompleted())
  if (current.startedAt !== null && !sameAllocations(current.rollout, rollout)) {
    return err(errors.allocationLocked())
  }
  return ok(editOf(current, now, { rollout }, 'rollout_changed'))
}

/**
 * Decides a change of an experiment's analysis setting. A completed experiment keeps its
 * design; once started, the setting is locked (choosing the method after seeing data would
 * make its intervals mean nothing). An equal setting changes nothing, started or not.
 *
 * @example
 * ```ts
 * decideAnalysisChange(running, { ...running.analysis, method: 'fixed' }, now)
 * // Err { code: 'analysis_locked' }
 * ```
 */
export function decideAnalysisChange(
  current: ExperimentState,
  analysis: ExperimentAnalysis,
  now: Date,
): Decision {
  if (sameAnalysis(current.analysis, analysis)) return ok(UNCHANGED)
  if (current.status === 'completed') return err(errors.experimentCompleted())
  if (current.startedAt !== null) return err(errors.analysisLocked())
  return ok(editOf(current, now, { analysis }, 'analysis_changed'))
}
