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

  it('takes the summary as statistic, with method as its SPEC alias, and refuses the two disagreeing', () => {
    // 7, 6, 5, 2: 3 of 4 at or above 5 → 0.75; mean 20 / 4 = 5 (hand count)
    expect(customerEffortScore([7, 6, 5, 2], { statistic: 'agree-share' }).score).toBe(0.75)
    expect(customerEffortScore([7, 6, 5, 2], { method: 'agree-share' }).score).toBe(0.75)
    expect(customerEffortScore([7, 6, 5, 2], { statistic: 'mean' }).score).toBe(5)
    expect(customerEffortScore([7, 6, 5, 2], { statistic: 'agree-share' }).statistic).toBe(
      'agree-share',
    )
    expectMetricError(
      () => customerEffortScore([7], { statistic: 'mean', method: 'agree-share' }),
      'INVALID_OPTION',
      { path: ['statistic'], metric: 'customerEffortScore' },
    )
    expectMetricError(
      () => customerEffortScore([7], { statistic: 'median' as 'mean' }),
      'INVALID_OPTION',
      { path: ['statistic'], metric: 'customerEffortScore' },
    )
  })

  it('supports a 1–5 scale', () => {
    expect(customerEffortScore([5, 1], { scaleMax: 5, threshold: 4 }).score).toBe(3)
  })

  it('is null for no ratings and the rating itself for one', () => {
    const none = { score: null, total: 0, scaleMax: 7, standardError: null }
    expect(customerEffortScore([])).toEqual({ ...none, statistic: 'mean', method: 'mean' })
    expect(customerEffortScore([], { method: 'agree-share' })).toEqual({
      ...none,
      statistic: 'agree-share',
      method: 'agree-share',
    })
    // One rating: no sample standard deviation (n − 1 = 0), so no standard error.
    expect(customerEffortScore([6])).toEqual({
      score: 6,
      total: 1,
      statistic: 'mean',
      method: 'mean',
      scaleMax: 7,
      standardError: null,
    })
  })

  it('handles huge counts in a typed array', () => {
    const ratings = new Uint8Array(2_000_000).fill(7)
    ratings.fill(1, 0, 1_000_000)
    // Half 1s, half 7s: mean 4, every deviation ±3, s² = 9n/(n − 1), SE = s/√n ≈ 3/√n.
    const result = customerEffortScore(ratings)
    expect(result.score).toBe(4)
    expect(result.total).toBe(2_000_000)
    expect(result.standardError).toBeCloseTo(Math.sqrt((9 * 2_000_000) / 1_999_999 / 2_000_000), 12)
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
    expect(customerEffortScore([7, 6, 5, 2]).standardError).toBe(1.0801234497346435)
  })
})

describe('customerEffortScore standard error', () => {
  it("gives the mean's standard error as R sd(x)/sqrt(n): sd(c(7,6,5,2))/2 = 1.080123", () => {
    // Deviations from 5: 2, 1, 0, −3 → Σ = 14, s² = 14/3, SE = √(14/3)/2 = 1.0801234…
    expect(customerEffortScore([7, 6, 5, 2]).standardError).toBeCloseTo(1.0801234497, 9)
  })

  it('gives the agree share the binomial standard error √(p(1 − p)/n)', () => {
    // 3 of 4 agree: √(0.75 · 0.25 / 4) = 0.2165063509…
    expect(customerEffortScore([7, 6, 5, 2], { method: 'agree-share' }).standardError).toBeCloseTo(
      0.2165063509,
      9,
    )
  })

  it('reports the method and scale it used', () => {
    const result = customerEffortScore([4, 5], { scaleMax: 5, method: 'agree-share', threshold: 4 })
    expect([result.method, result.scaleMax]).toEqual(['agree-share', 5])
  })
})
