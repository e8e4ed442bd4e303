import { describe, expect, it } from 'vitest'
import { forecastBias } from '../../src/forecast/forecastBias.js'
import { meanError } from '../../src/forecast/meanError.js'
import { trackingSignal } from '../../src/forecast/trackingSignal.js'

describe('meanError', () => {
  it('is mean(F − A): positive means over-forecast, the negation of R forecast::accuracy ME', () => {
    // Forecasts 12, 22 against 10, 20: F − A = 2, 2 → 2. R's ME = mean(x − f) = −2
    // (test/reference/forecast_errors.py, "meanError.test: over-forecast").
    expect(meanError({ actual: [10, 20], forecast: [12, 22] })).toBe(2)
    expect(meanError({ actual: [], forecast: [] })).toBeNull()
  })

  it('points the same way as forecastBias and trackingSignal (one direction, issue 13)', () => {
    // Over-forecast by 10 and 30 on 100 and 200: ME = 20, bias = 40/300, TS = [1, 2].
    const series = { actual: [100, 200], forecast: [110, 230] }
    expect(meanError(series)).toBe(20)
    expect(forecastBias(series)).toBeCloseTo(40 / 300, 15)
    expect(trackingSignal(series)).toEqual([1, 2])
  })

  it('matches the documented example', () => {
    // F − A = −2, −2 → −2 (R's ME for the same series is +2).
    expect(meanError({ actual: [10, 20], forecast: [8, 18] })).toBe(-2)
  })
})
