import type { LiftEstimate } from './lift-estimate.js'

/**
 * One arm of a metric with its pre-exposure covariate: over the arm's `n` identities, the sums of
 * the metric after exposure (`sum`, `sumSquares`), of the same metric in the window before each
 * identity's first exposure (`pre.sum`, `pre.sumSquares`) and of their products.
 */
export type CupedArm = {
  readonly n: number
  readonly sum: number
  readonly sumSquares: number
  readonly pre: { readonly sum: number; readonly sumSquares: number; readonly sumProducts: number }
}

/**
 * How one identity's value is distributed: `mean` uses the sample variance and covariance (n − 1
 * in the denominator), `proportion` a 0/1 value's p(1 − p) and the matching covariance over n.
 */
export type CupedKind = 'mean' | 'proportion'

/** A lift estimate after variance reduction, with the θ it used. */
export type CupedEstimate = LiftEstimate & {
  /** cov(post, pre)/var(pre) pooled over both arms. */
  readonly theta: number
}

type Sums = { readonly n: number; readonly sum: number; readonly sumSquares: number }

function variance(kind: CupedKind, { n, sum, sumSquares }: Sums): number {
  if (kind === 'proportion') return n === 0 ? 0 : (sum / n) * (1 - sum / n)
  return n <= 1 ? 0 : (sumSquares - (sum * sum) / n) / (n - 1)
}

function covariance(kind: CupedKind, n: number, sumA: number, sumB: number, sumProducts: number): number {
  if (n <= 1) return 0
  if (kind === 'proportion') return sumProducts / n - (sumA * sumB) / (n * n)
  return (sumProducts - (sumA * sumB) / n) / (n - 1)
}

const preOf = (arm: CupedArm): Sums => ({ n: arm.n, sum: arm.pre.sum, sumSquares: arm.pre.sumSquares })

/**
 * θ = cov(post, pre)/var(pre) over both arms pooled; 0 when either period has no variance
 * (then nothing can be adjusted).
 *
 * @example
 * ```ts
 * cupedTheta(control, variant, 'mean') // 0.71…
 * ```
 */
export function cupedTheta(control: CupedArm, variant: CupedArm, kind: CupedKind = 'mean'): number {
  const n = control.n + variant.n
  const post = { n, sum: control.sum + variant.sum, sumSquares: control.sumSquares + variant.sumSquares }
  const pre = {
    n,
    sum: control.pre.sum + variant.pre.sum,
    sumSquares: control.pre.sumSquares + variant.pre.sumSquares,
  }
  const preVariance = variance(kind, pre)
  if (preVariance === 0 || variance(kind, post) === 0) return 0
  const sumProducts = control.pre.sumProducts + variant.pre.sumProducts
  return covariance(kind, n, post.sum, pre.sum, sumProducts) / preVariance
}

/**
 * The relative lift with CUPED (regression adjustment on the pre-exposure value of the same
 * metric): each arm's mean becomes post − θ·pre_mean and its variance
 * var_post + θ²·var_pre − 2θ·cov(post, pre); the lift is taken over the UNADJUSTED control mean
 * and its standard error by the delta method on that ratio.
 *
 * Returns `null` when nothing can be adjusted (θ = 0: either period has no variance), when an arm
 * has fewer than two identities or no adjusted variance, or when the control's unadjusted or
 * adjusted mean is not usable (the unadjusted one must be positive): the caller then compares the
 * unadjusted figures.
 *
 * @example
 * ```ts
 * cupedEstimate(control, variant) // { lift: 0.05…, standardError: 0.021…, n: 4000, theta: 0.71… }
 * ```
 */
export function cupedEstimate(
  control: CupedArm,
  variant: CupedArm,
  kind: CupedKind = 'mean',
): CupedEstimate | null {
  if (control.n < 2 || variant.n < 2) return null
  const theta = cupedTheta(control, variant, kind)
  if (theta === 0 || !Number.isFinite(theta)) return null
  const a = adjustedArm(control, theta, kind)
  const b = adjustedArm(variant, theta, kind)
  if (!(a.postMean > 0) || a.mean === 0 || !(a.variance > 0) || !(b.variance > 0)) return null
  const lift = (b.mean - a.mean) / Math.abs(a.postMean)
  const controlDenominator = control.n * a.postMean * a.postMean
  const variantDenominator = variant.n * a.postMean * a.postMean
  const variantPart = b.variance / variantDenominator
  const ratio = -b.postMean / a.postMean
  const controlPart =
    (a.postVariance * ratio * ratio + 2 * theta * a.covariance * ratio + theta * theta * a.preVariance) /
    controlDenominator
  const total = variantPart + controlPart
  if (!(total > 0) || !Number.isFinite(lift) || !Number.isFinite(total)) return null
  return { lift, standardError: Math.sqrt(total), n: control.n + variant.n, theta }
}

/** One arm's adjusted mean and variance with the pieces the delta method needs. */
function adjustedArm(arm: CupedArm, theta: number, kind: CupedKind) {
  const post: Sums = arm
  const pre = preOf(arm)
  const postMean = post.sum / arm.n
  const preMean = pre.sum / arm.n
  const postVariance = variance(kind, post)
  const preVariance = variance(kind, pre)
  const cov = covariance(kind, arm.n, post.sum, pre.sum, arm.pre.sumProducts)
  return {
    postMean,
    mean: postMean - theta * preMean,
    postVariance,
    preVariance,
    covariance: cov,
    variance: postVariance + theta * theta * preVariance - 2 * theta * cov,
  }
}
