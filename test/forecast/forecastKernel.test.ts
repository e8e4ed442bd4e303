import { describe, expect, it } from 'vitest'
import {
  emptySums,
  mean,
  mergeSums,
  percentageMean,
  sumErrors,
  sumSeries,
} from '../../src/forecast/forecastKernel.js'
import { expectMetricError } from '../helpers.js'

describe('forecastKernel', () => {
  it('the light and the full pass agree on their common sums', () => {
    const series = { actual: [3, -0.5, 2, 7], forecast: [2.5, 0, 2, 8], weights: [1, 2, 1, 1] }
    const light = sumErrors(series, 'm')
    const full = sumSeries(series, 'm')
    for (const key of [
      'n',
      'weight',
      'absoluteError',
      'squaredError',
      'error',
      'absoluteActual',
    ] as const) {
      expect(full[key]).toBe(light[key])
    }
  })

  it('merges sums and averages with null on zero weight', () => {
    const a = sumSeries({ actual: [1], forecast: [2] }, 'm')
    const b = emptySums()
    mergeSums(b, a)
    expect(b).toEqual(a)
    expect(mean(1, 0)).toBeNull()
  })

  it('finds a non-finite input after the fact, and refuses sums that overflow double precision', () => {
    expectMetricError(
      () => sumSeries({ actual: [1, 2, Number.NaN], forecast: [1, 2, 3] }, 'm'),
      'NOT_FINITE',
      { path: ['actual', 2] },
    )
    expectMetricError(
      () => sumErrors({ actual: [1, 2], forecast: [1, Number.NEGATIVE_INFINITY] }, 'm'),
      'NOT_FINITE',
      {
        path: ['forecast', 1],
      },
    )
    expectMetricError(
      () => sumErrors({ actual: [1e308, 1e308], forecast: [-1e308, -1e308] }, 'm'),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('refuses a percentage error that overflows (a subnormal actual) instead of returning Infinity', () => {
    const sums = sumSeries({ actual: [5e-324], forecast: [1] }, 'm')
    expectMetricError(() => percentageMean(sums, 'm'), 'VALUE_OUT_OF_RANGE', { path: ['actual'] })
  })
})
