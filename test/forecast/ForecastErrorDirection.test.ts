import { describe, expect, it } from 'vitest'
import { FORECAST_ERROR_DIRECTIONS } from '../../src/forecast/ForecastErrorDirection.js'
import { forecastBias } from '../../src/forecast/forecastBias.js'
import { meanError } from '../../src/forecast/meanError.js'
import { trackingSignal } from '../../src/forecast/trackingSignal.js'

describe('FORECAST_ERROR_DIRECTIONS', () => {
  it('matches the documented example', () => {
    expect(FORECAST_ERROR_DIRECTIONS).toEqual(['over-forecast-positive'])
  })

  it('is what every signed forecast metric follows: a forecast above the actual is positive', () => {
    // One period, forecast 130 against actual 100: F − A = +30 (over-forecast).
    const over = { actual: [100], forecast: [130] }
    expect(meanError(over)).toBe(30)
    expect(forecastBias(over)).toBe(0.3)
    expect(trackingSignal(over)).toEqual([1])
    // Forecast 70 against 100: F − A = −30 (under-forecast).
    const under = { actual: [100], forecast: [70] }
    expect(meanError(under)).toBe(-30)
    expect(forecastBias(under)).toBe(-0.3)
    expect(trackingSignal(under)).toEqual([-1])
  })
})
