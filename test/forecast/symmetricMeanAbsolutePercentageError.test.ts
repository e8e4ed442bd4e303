import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { symmetricMeanAbsolutePercentageError } from '../../src/forecast/symmetricMeanAbsolutePercentageError.js'
import { expectMetricError } from '../helpers.js'

describe('symmetricMeanAbsolutePercentageError', () => {
  it("m4 is the M4 competition's mean 2|A−F|/(|A|+|F|) (R Metrics: 2*mean(ae/(|a|+|p|)))", () => {
    // 2·1/3, 2·0/4, 2·2/6 → mean of 0.6667, 0, 0.6667
    expect(
      symmetricMeanAbsolutePercentageError({ actual: [1, 2, 2], forecast: [2, 2, 4] }),
    ).toBeCloseTo(4 / 9, 15)
  })

  it('bounded is half of it, as utilsforecast smape (0..1)', () => {
    expect(
      symmetricMeanAbsolutePercentageError({
        actual: [1, 2, 2],
        forecast: [2, 2, 4],
        variant: 'bounded',
      }),
    ).toBeCloseTo(2 / 9, 15)
  })

  it('counts a 0/0 term as 0 (utilsforecast fill_null(0)), and reaches the maximum when one side is 0', () => {
    expect(symmetricMeanAbsolutePercentageError({ actual: [0], forecast: [0] })).toBe(0)
    expect(symmetricMeanAbsolutePercentageError({ actual: [0], forecast: [5] })).toBe(2)
    expect(symmetricMeanAbsolutePercentageError({ actual: [], forecast: [] })).toBeNull()
  })

  it('stays within 0..2 (m4) for any data', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1e9, max: 1e9, noNaN: true }),
            fc.double({ min: -1e9, max: 1e9, noNaN: true }),
          ),
          { minLength: 1 },
        ),
        (pairs) => {
          const value = symmetricMeanAbsolutePercentageError({
            actual: pairs.map((p) => p[0]),
            forecast: pairs.map((p) => p[1]),
          })!
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(2 + 1e-12)
        },
      ),
    )
  })

  it('refuses unknown variants', () => {
    expectMetricError(
      () =>
        symmetricMeanAbsolutePercentageError({
          actual: [1],
          forecast: [1],
          variant: 'yardstick' as 'm4',
        }),
      'INVALID_OPTION',
      {
        path: ['variant'],
      },
    )
  })

  it('matches the documented example', () => {
    expect(symmetricMeanAbsolutePercentageError({ actual: [100, 0], forecast: [50, 0] })).toBe(
      0.3333333333333333,
    )
    expect(
      symmetricMeanAbsolutePercentageError({
        actual: [100, 0],
        forecast: [50, 0],
        variant: 'bounded',
      }),
    ).toBe(0.16666666666666666)
  })

  it('refuses a weighted term sum past the largest double instead of returning Infinity', () => {
    // A = 1, F = −1: the term is 2|A − F| / (|A| + |F|) = 2, and 2 × 1.7e308 > 1.797e308 (the
    // largest double), so Σw·term cannot be held; the mean (2) is never reached.
    expectMetricError(
      () =>
        symmetricMeanAbsolutePercentageError({ actual: [1], forecast: [-1], weights: [1.7e308] }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'symmetricMeanAbsolutePercentageError' },
    )
    // The same series with weight 1e300 is fine: the term stays 2.
    expect(
      symmetricMeanAbsolutePercentageError({ actual: [1], forecast: [-1], weights: [1e300] }),
    ).toBe(2)
  })
})
