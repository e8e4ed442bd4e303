import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { naiveScale } from '../../src/forecast/forecastKernel.js'
import {
  meanAbsoluteScaledError,
  requireScale,
} from '../../src/forecast/meanAbsoluteScaledError.js'
import { expectMetricError } from '../helpers.js'

describe('meanAbsoluteScaledError', () => {
  it('the in-sample naive forecast scores exactly 1 (Hyndman & Koehler 2006)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (training, seasonality) => {
          fc.pre(training.length > seasonality)
          const actual = training.slice(seasonality)
          const forecast = training.slice(0, training.length - seasonality)
          const mase = meanAbsoluteScaledError({ actual, forecast, training, seasonality })
          if (mase !== null) expect(mase).toBeCloseTo(1, 12)
        },
      ),
    )
  })

  it('scales by the seasonal naive MAE of the training series', () => {
    // training 12, 20, 14, 22, 16, 24 with m = 2: |14−12|, |22−20|, |16−14|, |24−22| → scale 2
    expect(
      meanAbsoluteScaledError({
        actual: [18, 26],
        forecast: [17, 24],
        training: [12, 20, 14, 22, 16, 24],
        seasonality: 2,
      }),
    ).toBe(0.75)
  })

  it('without training, scales by the actual series itself (yardstick, R Metrics)', () => {
    // actual 10, 12, 16 → naive MAE (2 + 4)/2 = 3 ; MAE 1
    expect(meanAbsoluteScaledError({ actual: [10, 12, 16], forecast: [11, 13, 15] })).toBeCloseTo(
      1 / 3,
      15,
    )
  })

  it('is null on a zero scale (constant history, gluonts#1135), a too-short history, or empty series', () => {
    expect(
      meanAbsoluteScaledError({ actual: [5, 6], forecast: [5, 5], training: [3, 3, 3] }),
    ).toBeNull()
    expect(
      meanAbsoluteScaledError({ actual: [5], forecast: [5], training: [3], seasonality: 1 }),
    ).toBeNull()
    expect(meanAbsoluteScaledError({ actual: [], forecast: [], training: [1, 2] })).toBeNull()
    // |2 − 1| + |4 − 2| = 3 over 2 differences = 1.5
    expect(naiveScale([1, 2, 4], 1, 'm', 'training')).toEqual({ value: 1.5, unit: 1 })
  })

  it('refuses seasonality 0 (yardstick#637 returned Inf) and non-finite history', () => {
    expectMetricError(
      () => meanAbsoluteScaledError({ actual: [1], forecast: [1], seasonality: 0 }),
      'INVALID_OPTION',
      { path: ['seasonality'] },
    )
    expectMetricError(
      () => meanAbsoluteScaledError({ actual: [1], forecast: [1], training: [1, Number.NaN] }),
      'NOT_FINITE',
      {
        path: ['training', 1],
      },
    )
    expect(requireScale(2, 'm')).toBe(2)
    expectMetricError(() => requireScale(0, 'm'), 'INVALID_OPTION', { path: ['scale'] })
  })

  it('matches the documented example', () => {
    expect(
      meanAbsoluteScaledError({ actual: [18, 20], forecast: [17, 21], training: [10, 12, 14, 16] }),
    ).toBe(0.5)
  })
})
