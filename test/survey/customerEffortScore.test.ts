import { describe, expect, it } from 'vitest'
import { customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { expectMetricError } from '../helpers.js'

describe('customerEffortScore', () => {
  it('mean: the average agreement on 1–7 (Nicereply: sum of ratings / number of ratings)', () => {
    // 10 ratings summing to 55 → 5.5
    expect(customerEffortScore([7, 7, 6, 6, 6, 5, 5, 5, 4, 4]).score).toBe(5.5)
  })

  it('agree-share: the share who at least somewhat agree (5–7 of 7, Gartner CES 2.0)', () => {
    expect(
      customerEffortScore([7, 7, 6, 6, 6, 5, 5, 5, 4, 4], { method: 'agree-share' }).score,
    ).toBe(0.8)
    expect(customerEffortScore([7, 2], { method: 'agree-share', threshold: 7 }).score).toBe(0.5)
  })

  it('supports a 1–5 scale', () => {
    expect(customerEffortScore([5, 1], { scaleMax: 5, threshold: 4 }).score).toBe(3)
  })

  it('is null for no ratings and the rating itself for one', () => {
    expect(customerEffortScore([])).toEqual({ score: null, total: 0 })
    expect(customerEffortScore([], { method: 'agree-share' })).toEqual({ score: null, total: 0 })
    expect(customerEffortScore([6])).toEqual({ score: 6, total: 1 })
  })

  it('handles huge counts in a typed array', () => {
    const ratings = new Uint8Array(2_000_000).fill(7)
    ratings.fill(1, 0, 1_000_000)
    expect(customerEffortScore(ratings)).toEqual({ score: 4, total: 2_000_000 })
  })

  it('refuses ratings off the scale and bad options', () => {
    expectMetricError(() => customerEffortScore([8]), 'SCORE_OUT_OF_RANGE', {
      path: [0],
      metric: 'customerEffortScore',
    })
    expectMetricError(
      () => customerEffortScore([5], { method: 'median' as 'mean' }),
      'INVALID_OPTION',
      {
        path: ['method'],
      },
    )
    expectMetricError(() => customerEffortScore([5], { threshold: 0 }), 'INVALID_OPTION', {
      path: ['threshold'],
    })
  })

  it('matches the documented example', () => {
    expect(customerEffortScore([7, 6, 5, 2]).score).toBe(5)
    expect(customerEffortScore([7, 6, 5, 2], { method: 'agree-share' }).score).toBe(0.75)
  })
})
