import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csat } from '../../src/survey/csat.js'
import { csatAggregator } from '../../src/survey/csatAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('csatAggregator', () => {
  it('starts empty with a null score and interval', () => {
    const agg = csatAggregator()
    expect(agg.result(agg.initial())).toEqual({
      score: null,
      satisfied: 0,
      total: 0,
      lower: null,
      upper: null,
      confidence: 0.95,
      interval: null,
    })
  })

  it('uses the options of csat', () => {
    const agg = csatAggregator({ scaleMax: 10, threshold: 9, confidence: 0.9 })
    const state = agg.addAll(agg.initial(), [10, 9, 8, 2])
    expect(agg.result(state)).toEqual(
      csat([10, 9, 8, 2], { scaleMax: 10, threshold: 9, confidence: 0.9 }),
    )
  })

  it('refuses bad ratings, options and corrupted states', () => {
    const agg = csatAggregator()
    expectMetricError(() => agg.add(agg.initial(), 6), 'SCORE_OUT_OF_RANGE', {
      metric: 'csatAggregator',
    })
    expectMetricError(() => agg.addAll(agg.initial(), [5, 0]), 'SCORE_OUT_OF_RANGE', { path: [1] })
    expectMetricError(() => csatAggregator({ threshold: 9 }), 'INVALID_OPTION', {
      path: ['threshold'],
    })
    expectMetricError(
      () => agg.merge({ satisfied: 3, total: 2 }, agg.initial()),
      'SUCCESSES_EXCEED_TRIALS',
    )
    expectMetricError(() => agg.result({ satisfied: -1, total: 2 }), 'NEGATIVE_VALUE', {
      path: ['satisfied'],
    })
  })

  it('any split, merged in any order, equals the one-shot csat, through JSON', () => {
    const agg = csatAggregator()
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 })), fc.nat(), (ratings, cut) => {
        const at = cut % (ratings.length + 1)
        const left = JSON.parse(JSON.stringify(agg.addAll(agg.initial(), ratings.slice(0, at))))
        const right = ratings
          .slice(at)
          .reduce((state, rating) => agg.add(state, rating), agg.initial())
        expect(agg.result(agg.merge(right, left))).toEqual(csat(ratings))
      }),
    )
  })

  it('matches the documented example', () => {
    const agg = csatAggregator()
    const state = agg.merge(agg.addAll(agg.initial(), [5, 4, 1]), agg.add(agg.initial(), 2))
    expect(agg.result(state).score).toBe(0.5)
  })
})
