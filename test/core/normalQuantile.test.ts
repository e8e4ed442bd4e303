import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalCdf } from '../../src/core/normalCdf.js'
import { normalQuantile } from '../../src/core/normalQuantile.js'
import { expectMetricError } from '../helpers.js'

// Expected values are R 4.x `qnorm(p)`, 16 significant digits.
const R_QNORM: [number, number][] = [
  [0.975, 1.959963984540054],
  [0.995, 2.575829303548901],
  [0.95, 1.644853626951472],
  [0.9, 1.281551565544601],
  [0.5, 0],
  [0.025, -1.959963984540054],
  [1e-10, -6.361340902404056],
  [0.01, -2.326347874040841],
]

describe('normalQuantile', () => {
  it.each(R_QNORM)('matches R qnorm(%d)', (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-12)
  })

  it('refuses 0 and 1, whose quantiles are infinite, as Excel NORM.S.INV answers #NUM!', () => {
    for (const p of [0, 1]) {
      expectMetricError(() => normalQuantile(p), 'VALUE_OUT_OF_RANGE', {
        path: ['p'],
        metric: 'normalQuantile',
      })
    }
  })

  it('refuses probabilities outside [0, 1]', () => {
    for (const p of [-0.1, 1.1, Number.NaN]) {
      expectMetricError(() => normalQuantile(p), 'VALUE_OUT_OF_RANGE', {
        path: ['p'],
        metric: 'normalQuantile',
      })
    }
  })

  it('inverts normalCdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14)
      }),
    )
  })

  it('matches the documented example', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14)
  })
})

describe('normalQuantile in the far tail', () => {
  it('answers for the smallest double and just below 1 (scipy: −38.4674056171, 8.2095361516)', () => {
    // scipy.stats.norm.ppf(5e-324) = -38.467405617144344, norm.ppf(1 - 2**-53) =
    // 8.209536151601387; below 1e−300 the Halley step is
    // skipped, so the rational approximation's 1e−8 relative error remains.
    expect(normalQuantile(5e-324)).toBeCloseTo(-38.467405617144344, 6)
    expect(normalQuantile(1 - 2 ** -53)).toBeCloseTo(8.209536151601387, 6)
  })
})
