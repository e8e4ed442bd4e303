import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalCdf } from '../../src/core/normalCdf.js'
import { expectMetricError } from '../helpers.js'

// Expected values are R 4.x `pnorm(x)` printed with 16 significant digits.
const R_PNORM: [number, number][] = [
  [0, 0.5],
  [1, 0.8413447460685429],
  [-1, 0.1586552539314571],
  [-1.96, 0.02499789514822043],
  [3, 0.9986501019683699],
  [-5, 2.866515718791939e-7],
  [-10, 7.619853024160527e-24],
  [2.5, 0.9937903346742238],
]

describe('normalCdf', () => {
  it.each(R_PNORM)('matches R pnorm(%d)', (x, expected) => {
    const value = normalCdf(x)
    expect(Math.abs(value - expected)).toBeLessThan(1e-15 + 1e-12 * expected)
  })

  it('keeps relative accuracy far in the lower tail', () => {
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 12)
  })

  it('gives 0 and 1 at the infinities', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
  })

  it('refuses NaN', () => {
    expectMetricError(() => normalCdf(Number.NaN), 'NOT_FINITE', {
      path: ['x'],
      metric: 'normalCdf',
    })
  })

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThan(1e-15)
      }),
    )
  })

  it('is non-decreasing and stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, step) => {
          const low = normalCdf(x)
          const high = normalCdf(x + step)
          expect(low).toBeGreaterThanOrEqual(0)
          expect(high).toBeLessThanOrEqual(1)
          expect(high).toBeGreaterThanOrEqual(low)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15)
  })
})
