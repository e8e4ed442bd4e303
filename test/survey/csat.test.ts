import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csat } from '../../src/survey/csat.js'
import { expectMetricError } from '../helpers.js'

describe('csat', () => {
  it('is the top-2-box share: 70 ratings of 4–5 among 100 give 0.70 (kicue.com CSAT formula)', () => {
    const ratings = [
      ...Array(40).fill(5),
      ...Array(30).fill(4),
      ...Array(20).fill(3),
      ...Array(10).fill(1),
    ]
    const result = csat(ratings)
    expect(result.score).toBe(0.7)
    expect(result.satisfied).toBe(70)
    expect(result.total).toBe(100)
    // Wilson 70/100, the score-interval formula evaluated independently in Python: 0.6041515 0.7810511
    // (test/reference/wilson.py)
    expect(result.interval?.lower).toBeCloseTo(0.6041515, 6)
    expect(result.interval?.upper).toBeCloseTo(0.7810511, 6)
  })

  it('is not the mean rating', () => {
    // Mean of [5, 5, 1, 1] is 3 (60 % of 5) but only half are satisfied.
    expect(csat([5, 5, 1, 1]).score).toBe(0.5)
  })

  it('supports other scales and thresholds (top-box on 1–10 at 9)', () => {
    expect(csat([10, 9, 8, 2], { scaleMax: 10, threshold: 9 }).score).toBe(0.5)
    expect(csat([5, 4], { threshold: 5 }).score).toBe(0.5)
  })

  it('is null with a null interval for no ratings, and handles one rating and all in one class', () => {
    expect(csat([])).toEqual({
      score: null,
      satisfied: 0,
      total: 0,
      lower: null,
      upper: null,
      confidence: 0.95,
      interval: null,
    })
    expect(csat([5]).score).toBe(1)
    const allLow = csat([1, 2, 3])
    expect(allLow.score).toBe(0)
    expect(allLow.interval?.lower).toBe(0)
  })

  it('gives the Wilson bounds flat as lower / upper with their confidence, interval kept as the same numbers', () => {
    const result = csat([5, 4, 4, 1])
    // 3 of 4 satisfied; Wilson 3/4 at 95 % (= R prop.test(3, 4, correct = FALSE)) from the
    // formula checked against scipy binomtest: test/reference/option_vocabulary.py
    expect(result.lower).toBeCloseTo(0.3006418, 6)
    expect(result.upper).toBeCloseTo(0.9544127, 6)
    expect(result.confidence).toBe(0.95)
    expect(result.interval).toEqual({ lower: result.lower, upper: result.upper })
  })

  it('uses the confidence option for the Wilson interval', () => {
    const narrow = csat([5, 5, 1, 1], { confidence: 0.5 }).interval!
    const wide = csat([5, 5, 1, 1], { confidence: 0.99 }).interval!
    expect(wide.upper - wide.lower).toBeGreaterThan(narrow.upper - narrow.lower)
    // Wilson 2/4 at 50 % and 99 % (R prop.test(2, 4, conf.level = …, correct = FALSE)),
    // from test/reference/wilson.py.
    expect(narrow.lower).toBeCloseTo(0.3402191955361477, 12)
    expect(narrow.upper).toBeCloseTo(0.6597808044638522, 12)
    expect(wide.lower).toBeCloseTo(0.10506970646097863, 12)
    expect(wide.upper).toBeCloseTo(0.8949302935390213, 12)
  })

  it('refuses ratings off the scale with their index, and bad options', () => {
    expectMetricError(() => csat([5, 6]), 'SCORE_OUT_OF_RANGE', {
      path: [1],
      message: 'csat: score at index 1 is 6; scores must be integers from 1 to 5',
    })
    expectMetricError(() => csat([0]), 'SCORE_OUT_OF_RANGE', { path: [0] })
    expectMetricError(() => csat([4.5]), 'SCORE_OUT_OF_RANGE', { path: [0] })
    expectMetricError(() => csat([4], { scaleMax: 1 }), 'INVALID_OPTION', { path: ['scaleMax'] })
    expectMetricError(() => csat([4], { scaleMax: 101 }), 'INVALID_OPTION', { path: ['scaleMax'] })
    expectMetricError(() => csat([4], { threshold: 6 }), 'INVALID_OPTION', { path: ['threshold'] })
    expectMetricError(() => csat([4], { confidence: 2 }), 'INVALID_OPTION', {
      path: ['confidence'],
    })
  })

  it('stays in [0, 1] inside its interval for any ratings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1 }), (ratings) => {
        const { score, interval } = csat(ratings)
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
        expect(interval!.lower).toBeLessThanOrEqual(score! + 1e-12)
        expect(interval!.upper).toBeGreaterThanOrEqual(score! - 1e-12)
      }),
    )
  })

  it('matches the documented example', () => {
    expect(csat([5, 4, 3, 5, 2]).score).toBe(0.6)
  })
})
