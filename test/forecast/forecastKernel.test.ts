import { describe, expect, it } from 'vitest'
import {
  emptySums,
  mean,
  mergeSums,
  sumErrors,
  sumSeries,
} from '../../src/forecast/forecastKernel.js'

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
})
