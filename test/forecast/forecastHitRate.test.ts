import { describe, expect, it } from 'vitest'
import { forecastHitRate } from '../../src/forecast/forecastHitRate.js'
import { expectMetricError } from '../helpers.js'

describe('forecastHitRate', () => {
  it('counts exact decimal boundaries as hits: 110 against 100 is within 10 %, though 0.1 × 100 is a float', () => {
    expect(forecastHitRate({ actual: [100, 0.3], forecast: [110, 0.33] })).toBe(1)
  })

  it('takes another tolerance, and a zero actual is a hit only for a zero forecast', () => {
    expect(forecastHitRate({ actual: [100, 100], forecast: [104, 106], tolerance: 0.05 })).toBe(0.5)
    expect(forecastHitRate({ actual: [0, 0], forecast: [0, 1] })).toBe(0.5)
    expect(forecastHitRate({ actual: [], forecast: [] })).toBeNull()
  })

  it('refuses a tolerance that is not a finite number ≥ 0 as an invalid option', () => {
    for (const tolerance of [-0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.1', null, true]) {
      expectMetricError(
        () => forecastHitRate({ actual: [1], forecast: [1], tolerance: tolerance as number }),
        'INVALID_OPTION',
        { path: ['tolerance'], metric: 'forecastHitRate' },
      )
    }
  })

  it('matches the documented example', () => {
    expect(forecastHitRate({ actual: [100, 100, 100], forecast: [110, 89, 100] })).toBe(
      0.6666666666666666,
    )
  })
})
