import { describe, expect, it } from 'vitest'
import { forecastAccuracy } from '../../src/forecast/forecastAccuracy.js'
import { expectMetricError } from '../helpers.js'

describe('forecastAccuracy', () => {
  it('is 1 − WAPE, and goes negative when the miss exceeds the actual (kpitree: unbounded below)', () => {
    expect(forecastAccuracy({ actual: [10], forecast: [40] })).toBe(-2)
    expect(forecastAccuracy({ actual: [10], forecast: [10] })).toBe(1)
  })

  it('clamps with floor, and is null when Σ|A| = 0', () => {
    expect(forecastAccuracy({ actual: [10], forecast: [15], floor: 0 })).toBe(0.5)
    expect(forecastAccuracy({ actual: [0], forecast: [15] })).toBeNull()
    expectMetricError(
      () => forecastAccuracy({ actual: [1], forecast: [1], floor: Number.NaN }),
      'INVALID_OPTION',
      { path: ['floor'] },
    )
  })

  it('matches the documented example', () => {
    expect(forecastAccuracy({ actual: [100, 50], forecast: [90, 70] })).toBe(0.8)
    expect(forecastAccuracy({ actual: [10], forecast: [40], floor: 0 })).toBe(0)
  })
})
