import { describe, expect, it } from 'vitest'
import { chiSquaredSurvival } from '../../../src/core/domain/statistics/chi-squared-survival.js'
import { erfc } from '../../../src/core/domain/statistics/erf.js'

// P(X ≥ x) for X ~ χ²(k), evaluated independently at 40 significant digits as the regularized
// upper incomplete gamma Q(k/2, x/2) (mpmath) and rounded to 17 digits.
const XS = [0.5, 3.841458820694124, 10, 30, 100, 500]
const KNOWN: Record<number, number[]> = {
  1: [
    4.7950012218695346e-1, 5.0000000000000058e-2, 1.5654022580025497e-3, 4.3204630578274973e-8,
    1.5239706048321052e-23, 9.5053977665540917e-111,
  ],
  2: [
    7.7880078307140487e-1, 1.4650006448608432e-1, 6.7379469990854671e-3, 3.0590232050182579e-7,
    1.9287498479639178e-22, 2.6691902155412764e-109,
  ],
  3: [
    9.1889141165467586e-1, 2.7910046378359766e-1, 1.8566135463043233e-2, 1.3800570312932547e-6,
    1.5541594313896049e-21, 4.7716720319127585e-108,
  ],
  4: [
    9.7350097883925609e-1, 4.278870469622476e-1, 4.0427681994512803e-2, 4.8944371280292126e-6,
    9.8366242246159807e-21, 6.6996674410086037e-107,
  ],
  5: [
    9.9212329323262959e-1, 5.7246046292580289e-1, 7.5235246146512179e-2, 1.4748581038443052e-5,
    5.2851483609432401e-20, 7.9846611105628015e-106,
  ],
  6: [
    9.9783850331023749e-1, 6.9812117342763769e-1, 1.2465201948308114e-1, 3.9308448184484614e-5,
    2.509303552201057e-19, 8.4082160979765748e-105,
  ],
  7: [
    9.9944648139042497e-1, 7.9784653419453188e-1, 1.8857346751345007e-1, 9.4959725081341838e-5,
    1.0787979671702883e-18, 8.016791001349302e-104,
  ],
  8: [
    9.9986663034948594e-1, 8.7113671822147838e-1, 2.6502591529736171e-1, 2.1137850346676162e-4,
    4.2691592051449344e-18, 7.035098347285173e-103,
  ],
  9: [
    9.9996956625883892e-1, 9.2153386441408237e-1, 3.5048521232336134e-1, 4.3872177097947949e-4,
    1.5735176303753944e-17, 5.7494139030446887e-102,
  ],
  10: [
    9.9999338828943897e-1, 9.5421572955466572e-1, 4.4049328506521241e-1, 8.5664121077530039e-4,
    5.4497019829205293e-17, 4.4147360999137313e-101,
  ],
}

const cases = Object.entries(KNOWN).flatMap(([k, values]) =>
  values.map((want, i) => [Number(k), XS[i] as number, want] as const),
)

describe('chiSquaredSurvival', () => {
  it.each(cases)('df %i, x = %d', (k, x, want) => {
    // Up to x = 100 the closed forms hold 1e-14 relative. At x = 500 the value is ~1e-110 and
    // rounding √(x/2) costs a relative ~x·ε in erfc: still far below any practical need.
    const tolerance = x <= 100 ? 1e-14 : 1e-13
    const got = chiSquaredSurvival(x, k)
    expect(Math.abs(got - want) / want, `got ${got}, want ${want}`).toBeLessThanOrEqual(tolerance)
  })

  it('matches the textbook special cases: erfc(√(x/2)) for 1 df, e^(−x/2) for 2 df', () => {
    for (const x of [0.01, 1, 7.5, 42, 300]) {
      expect(chiSquaredSurvival(x, 1)).toBe(erfc(Math.sqrt(x / 2)))
      expect(chiSquaredSurvival(x, 2)).toBe(Math.exp(-x / 2))
    }
  })

  it('is 1 at x ≤ 0, decreasing in x and increasing in the degrees of freedom', () => {
    expect(chiSquaredSurvival(0, 3)).toBe(1)
    expect(chiSquaredSurvival(-2, 3)).toBe(1)
    for (let k = 1; k <= 12; k += 1) {
      let previous = 1
      for (let x = 0.25; x < 80; x += 0.25) {
        const value = chiSquaredSurvival(x, k)
        expect(value).toBeLessThanOrEqual(previous)
        expect(value).toBeLessThanOrEqual(chiSquaredSurvival(x, k + 1))
        previous = value
      }
    }
  })

  it('stays finite and positive for huge statistics, and large degrees of freedom', () => {
    // Both beyond the point where e^(−x/2) alone underflows to 0.
    // Q(20, 650) = 1.2070055271621478e-246 (mpmath, 40 digits).
    expect(Math.abs(chiSquaredSurvival(1300, 40) / 1.2070055271621478e-246 - 1)).toBeLessThan(1e-12)
    expect(chiSquaredSurvival(1600, 2)).toBe(0)
    expect(chiSquaredSurvival(Number.POSITIVE_INFINITY, 5)).toBe(0)
    // With 200 df the mean is 200 and the median about 199.33.
    expect(Math.abs(chiSquaredSurvival(199.3349, 200) - 0.5)).toBeLessThan(1e-4)
  })

  it('answers NaN, not a throw, for degrees of freedom that are not positive integers or a NaN statistic', () => {
    expect(chiSquaredSurvival(3, 0)).toBeNaN()
    expect(chiSquaredSurvival(3, 2.5)).toBeNaN()
    expect(chiSquaredSurvival(3, -1)).toBeNaN()
    expect(chiSquaredSurvival(Number.NaN, 2)).toBeNaN()
  })
})
