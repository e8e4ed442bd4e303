import { describe, expect, it } from 'vitest'
import { rootMeanSquaredError } from '../../src/forecast/rootMeanSquaredError.js'

describe('rootMeanSquaredError', () => {
  it('matches scikit-learn: mean_squared_error([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]) = 0.375, RMSE its root', () => {
    expect(
      rootMeanSquaredError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] }),
    ).toBeCloseTo(Math.sqrt(0.375), 15)
  })

  it('is null when empty and weights squared errors', () => {
    expect(rootMeanSquaredError({ actual: [], forecast: [] })).toBeNull()
    expect(rootMeanSquaredError({ actual: [0, 0], forecast: [2, 4], weights: [3, 1] })).toBe(
      Math.sqrt((3 * 4 + 16) / 4),
    )
  })

  it('matches the documented example', () => {
    expect(rootMeanSquaredError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] })).toBe(
      0.6123724356957945,
    )
  })
})
