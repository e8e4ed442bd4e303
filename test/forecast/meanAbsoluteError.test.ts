import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { meanAbsoluteError } from '../../src/forecast/meanAbsoluteError.js'
import { expectMetricError } from '../helpers.js'

describe('meanAbsoluteError', () => {
  it('matches scikit-learn mean_absolute_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.5', () => {
    expect(meanAbsoluteError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] })).toBe(0.5)
  })

  it('weights periods (as scikit-learn sample_weight) and reads typed arrays', () => {
    // Σw|e| / Σw = (0.5 + 0.5 + 0 + 2·1) / 5, worked by hand
    expect(
      meanAbsoluteError({
        actual: Float64Array.of(3, -0.5, 2, 7),
        forecast: Float32Array.of(2.5, 0, 2, 8),
        weights: [1, 1, 1, 2],
      }),
    ).toBe(0.6)
    expect(meanAbsoluteError({ actual: [1, 2], forecast: [2, 2], weights: [3, 1] })).toBe(0.75)
  })

  it('is null for empty series, 0 for a perfect forecast', () => {
    expect(meanAbsoluteError({ actual: [], forecast: [] })).toBeNull()
    expect(meanAbsoluteError({ actual: [5], forecast: [5] })).toBe(0)
  })

  it('refuses unequal lengths, non-finite values and bad weights with the place', () => {
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, 2], forecast: [1] }),
      'LENGTH_MISMATCH',
      { path: ['forecast'] },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1], forecast: [1], weights: [1, 1] }),
      'LENGTH_MISMATCH',
      { path: ['weights'] },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, Number.NaN], forecast: [1, 1] }),
      'NOT_FINITE',
      {
        path: ['actual', 1],
        message: 'meanAbsoluteError: actual at index 1 is NaN; values must be finite numbers',
      },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1], forecast: [Number.POSITIVE_INFINITY] }),
      'NOT_FINITE',
      { path: ['forecast', 0] },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1], forecast: [1], weights: [-1] }),
      'NEGATIVE_VALUE',
      { path: ['weights', 0] },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1], forecast: [1], weights: [Number.NaN] }),
      'NOT_FINITE',
      { path: ['weights', 0] },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, 2], forecast: [1, 2], weights: [0, 0] }),
      'EMPTY_WEIGHTS',
      { path: ['weights'] },
    )
  })

  it('is symmetric in actual and forecast and ignores period order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 })),
          { minLength: 1 },
        ),
        (pairs) => {
          const actual = pairs.map((p) => p[0])
          const forecast = pairs.map((p) => p[1])
          const mae = meanAbsoluteError({ actual, forecast })!
          expect(meanAbsoluteError({ actual: forecast, forecast: actual })).toBeCloseTo(mae, 9)
          expect(
            meanAbsoluteError({ actual: [...actual].reverse(), forecast: [...forecast].reverse() }),
          ).toBeCloseTo(mae, 9)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    expect(meanAbsoluteError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] })).toBe(0.5)
  })
})
