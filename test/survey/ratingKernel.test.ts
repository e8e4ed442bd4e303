import { describe, expect, it } from 'vitest'
import { countRatings, MAX_SCALE, readScale } from '../../src/survey/ratingKernel.js'
import { expectMetricError } from '../helpers.js'

describe('ratingKernel', () => {
  it('counts ratings at or above the threshold and their sum in one pass', () => {
    // 1 + 4 + 9 + 16 + 25 = 55.
    expect(countRatings([1, 2, 3, 4, 5], 5, 4, 'm')).toEqual({
      atOrAbove: 2,
      total: 5,
      sum: 15,
      sumOfSquares: 55,
    })
  })

  it('puts a named list into the error path', () => {
    expectMetricError(() => countRatings([1, 9], 5, 4, 'm', ['ratings']), 'SCORE_OUT_OF_RANGE', {
      path: ['ratings', 1],
      message: 'm: score at ratings[1] is 9; scores must be integers from 1 to 5',
    })
  })

  it('accepts scales from 2 to 100', () => {
    expect(readScale('m', 2, 1)).toEqual({ scaleMax: 2, threshold: 1 })
    expect(readScale('m', MAX_SCALE, MAX_SCALE)).toEqual({ scaleMax: 100, threshold: 100 })
  })
})
