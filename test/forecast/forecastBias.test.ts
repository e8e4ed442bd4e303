import { describe, expect, it } from 'vitest'
import { forecastBias } from '../../src/forecast/forecastBias.js'
import { meanError } from '../../src/forecast/meanError.js'

describe('forecastBias', () => {
  it('is Σ(F − A)/Σ|A|: over-forecast positive, the same sign as meanError (since 0.2)', () => {
    // F − A = −10, −30 → −40 / 300.
    const series = { actual: [100, 200], forecast: [90, 170] }
    expect(forecastBias(series)).toBeCloseTo(-40 / 300, 15)
    // meanError is Σ(F − A)/n = −20: bias = ME · n / Σ|A|.
    expect(meanError(series)).toBe(-20)
  })

  it('is 0 for a perfect forecast and null when Σ|A| = 0', () => {
    expect(forecastBias({ actual: [5, 7], forecast: [5, 7] })).toBe(0)
    expect(forecastBias({ actual: [0], forecast: [3] })).toBeNull()
    expect(forecastBias({ actual: [], forecast: [] })).toBeNull()
  })

  it('matches the documented example', () => {
    expect(forecastBias({ actual: [100, 200], forecast: [120, 210] })).toBe(0.1)
  })
})
