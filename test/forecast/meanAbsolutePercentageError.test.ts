import { describe, expect, it } from 'vitest'
import { meanAbsolutePercentageError } from '../../src/forecast/meanAbsolutePercentageError.js'

describe('meanAbsolutePercentageError', () => {
  it('matches scikit-learn mean_absolute_percentage_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.3273809523809524, a fraction', () => {
    expect(
      meanAbsolutePercentageError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] }),
    ).toBeCloseTo(0.3273809523809524, 15)
  })

  it('leaves zero actuals out (utilsforecast#89) instead of eps-inflating (scikit-learn) or Inf (yardstick mape_vec(0, 1))', () => {
    expect(meanAbsolutePercentageError({ actual: [0, 100], forecast: [1, 90] })).toBe(0.1)
    expect(meanAbsolutePercentageError({ actual: [0, 0], forecast: [1, 0] })).toBeNull()
    expect(meanAbsolutePercentageError({ actual: [], forecast: [] })).toBeNull()
  })

  it('weights the non-zero periods', () => {
    expect(
      meanAbsolutePercentageError({
        actual: [100, 50, 0],
        forecast: [110, 40, 9],
        weights: [3, 1, 5],
      }),
    ).toBeCloseTo(0.125, 15)
  })

  it('matches the documented example', () => {
    expect(meanAbsolutePercentageError({ actual: [100, 0, 50], forecast: [110, 5, 45] })).toBe(0.1)
  })
})
