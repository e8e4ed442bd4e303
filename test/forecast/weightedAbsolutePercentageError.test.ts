import { describe, expect, it } from 'vitest'
import { weightedAbsolutePercentageError } from '../../src/forecast/weightedAbsolutePercentageError.js'

describe('weightedAbsolutePercentageError', () => {
  it('is Σ|A − F| / Σ|A| (utilsforecast wape = nd, SAP WMAPE)', () => {
    // |3−2.5| + |−0.5−0| + 0 + |7−8| = 2 ; |3| + |−0.5| + |2| + |7| = 12.5
    expect(
      weightedAbsolutePercentageError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] }),
    ).toBe(0.16)
  })

  it('tolerates individual zero actuals but is null when all are zero (utilsforecast: NaN)', () => {
    expect(weightedAbsolutePercentageError({ actual: [0, 10], forecast: [2, 8] })).toBe(0.4)
    expect(weightedAbsolutePercentageError({ actual: [0, 0], forecast: [2, 8] })).toBeNull()
    expect(weightedAbsolutePercentageError({ actual: [], forecast: [] })).toBeNull()
  })

  it('handles huge series in typed arrays', () => {
    const actual = new Float64Array(1_000_000).fill(100)
    const forecast = new Float64Array(1_000_000).fill(90)
    expect(weightedAbsolutePercentageError({ actual, forecast })).toBeCloseTo(0.1, 12)
  })

  it('matches the documented example', () => {
    expect(weightedAbsolutePercentageError({ actual: [100, 0, 50], forecast: [110, 5, 40] })).toBe(
      0.16666666666666666,
    )
  })
})
