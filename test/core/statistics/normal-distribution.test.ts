import { describe, expect, it } from 'vitest'
import { erf, erfc, erfcx } from '../../../src/core/domain/statistics/erf.js'
import { normalCdf } from '../../../src/core/domain/statistics/normal-cdf.js'

// Known values, evaluated independently at 40 significant digits (mpmath) and rounded to 17.

function expectRelative(got: number, want: number, tolerance: number): void {
  expect(Math.abs(got - want) / Math.abs(want), `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance)
}

const ERF: [number, number][] = [
  [1e-10, 1.1283791670955126e-10],
  [0.1, 1.1246291601828489e-1],
  [0.46875, 4.9261347321793799e-1],
  [0.5, 5.2049987781304654e-1],
  [1, 8.4270079294971487e-1],
  [2, 9.9532226501895273e-1],
  [3.5, 9.9999925690162766e-1],
  [4, 9.999999845827421e-1],
  [5, 9.9999999999846254e-1],
  [-0.75, -7.1115563365351513e-1],
]

const ERFC: [number, number][] = [
  [-2, 1.9953222650189527],
  [-0.3, 1.3286267594591274],
  [0.2, 7.7729741078952155e-1],
  [0.46875, 5.0738652678206201e-1],
  [0.5, 4.7950012218695346e-1],
  [1, 1.5729920705028513e-1],
  [2, 4.6777349810472658e-3],
  [3, 2.2090496998585441e-5],
  [4, 1.5417257900280019e-8],
  [5, 1.5374597944280349e-12],
  [6, 2.1519736712498913e-17],
  [10, 2.0884875837625448e-45],
  [15, 7.2129941724512067e-100],
  [20, 5.3958656116079009e-176],
  [26, 5.6631924088561428e-296],
]

const PHI: [number, number][] = [
  [-37, 5.7255712225245768e-300],
  [-30, 4.9067139271481871e-198],
  [-20, 2.7536241186062337e-89],
  [-10, 7.6198530241605261e-24],
  [-8, 6.2209605742717841e-16],
  [-5, 2.8665157187919391e-7],
  [-3, 1.3498980316300945e-3],
  [-1.959963984540054, 2.5000000000000014e-2],
  [-1, 1.5865525393145705e-1],
  [-0.5, 3.085375387259869e-1],
  [0, 0.5],
  [0.3, 6.1791142218895264e-1],
  [1, 8.4134474606854295e-1],
  [1.959963984540054, 9.7499999999999999e-1],
  [1.96, 9.7500210485177957e-1],
  [3, 9.9865010196836991e-1],
  [5, 9.9999971334842812e-1],
  [8, 9.9999999999999938e-1],
]

describe('erf and erfc (Cody)', () => {
  it.each(ERF)('erf(%d) to 1e-15 relative', (x, want) => expectRelative(erf(x), want, 1e-15))
  it.each(ERFC)('erfc(%d) to 1e-15 relative', (x, want) => expectRelative(erfc(x), want, 1e-15))

  it('is odd (erf) and reflects (erfc(−x) = 2 − erfc(x)) exactly', () => {
    for (const x of [0.1, 0.46875, 0.9, 3.3, 4.5, 7]) {
      expect(erf(-x)).toBe(-erf(x))
      expect(erfc(-x)).toBe(2 - erfc(x))
    }
  })

  it('keeps erf + erfc = 1 across every approximation range', () => {
    for (let x = -6; x <= 6; x += 0.173) expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(3e-16)
  })

  it('saturates instead of producing NaN for huge or infinite arguments', () => {
    expect(erfc(30)).toBe(0)
    expect(erfc(1e308)).toBe(0)
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0)
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2)
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1)
    expect(erf(-1e308)).toBe(-1)
    expect(erf(Number.NaN)).toBeNaN()
  })

  it('erfcx is exp(x²)·erfc(x) without underflow', () => {
    expectRelative(erfcx(1), Math.exp(1) * 1.5729920705028513e-1, 1e-15)
    expectRelative(erfcx(10), Math.exp(100) * 2.0884875837625448e-45, 1e-14)
    // For large x, erfcx(x) ≈ 1/(x√π) · (1 − 1/(2x²)).
    expectRelative(erfcx(1e6), 1 / (1e6 * Math.sqrt(Math.PI)), 1e-12)
  })
})

describe('normalCdf', () => {
  it.each(PHI)('Φ(%d) to 1e-15 relative', (x, want) => expectRelative(normalCdf(x), want, 1e-15))

  it('computes the upper tail as 1 − Φ without losing the lower tail’s precision', () => {
    expect(normalCdf(-8)).toBeGreaterThan(0)
    expectRelative(1 - normalCdf(3), 1.3498980316300945e-3, 1e-12)
  })

  it('is monotone and symmetric: Φ(−x) + Φ(x) = 1', () => {
    let previous = 0
    for (let x = -39; x <= 9; x += 0.01) {
      const value = normalCdf(x)
      expect(value).toBeGreaterThanOrEqual(previous)
      previous = value
    }
    for (let x = 0; x <= 6; x += 0.37) expect(Math.abs(normalCdf(-x) + normalCdf(x) - 1)).toBeLessThan(3e-16)
  })

  it('saturates at 0 and 1 and passes NaN through', () => {
    expect(normalCdf(-50)).toBe(0)
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(50)).toBe(1)
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
    expect(normalCdf(Number.NaN)).toBeNaN()
  })
})
