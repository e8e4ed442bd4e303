import { describe, expect, it } from 'vitest'
import { requireSameLength } from '../../src/core/requireSameLength.js'
import { meanAbsoluteError } from '../../src/forecast/meanAbsoluteError.js'
import { expectMetricError } from '../helpers.js'

describe('requireSameLength', () => {
  it('passes equal lengths and refuses others with LENGTH_MISMATCH at the path, naming both lists', () => {
    expect(requireSameLength([1, 2, 3], 3, 'm', ['forecast'], 'actual')).toBeUndefined()
    expect(requireSameLength(new Float64Array(0), 0, 'm', ['forecast'], 'actual')).toBeUndefined()
    expectMetricError(
      () => requireSameLength([1, 2], 3, 'm', ['forecast'], 'actual'),
      'LENGTH_MISMATCH',
      {
        path: ['forecast'],
        metric: 'm',
        message: 'm: forecast has 2 values but actual has 3; they must be equally long',
      },
    )
  })

  it('matches the documented example, and the forecast family uses it', () => {
    expectMetricError(
      () => requireSameLength([1, 2], 3, 'm', ['forecast'], 'actual'),
      'LENGTH_MISMATCH',
      {
        path: ['forecast'],
      },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, 2, 3], forecast: [1], weights: [1, 1, 1] }),
      'LENGTH_MISMATCH',
      { path: ['forecast'], metric: 'meanAbsoluteError' },
    )
    expectMetricError(
      () => meanAbsoluteError({ actual: [1, 2, 3], forecast: [1, 2, 3], weights: [1] }),
      'LENGTH_MISMATCH',
      { path: ['weights'], metric: 'meanAbsoluteError' },
    )
  })
})
