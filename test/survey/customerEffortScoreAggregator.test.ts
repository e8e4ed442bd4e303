import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CES_METHODS, customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { customerEffortScoreAggregator } from '../../src/survey/customerEffortScoreAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('customerEffortScoreAggregator', () => {
  it('any split, merged in any order and through JSON, equals customerEffortScore exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 40 }),
        fc.nat(),
        fc.constantFrom(...CES_METHODS),
        fc.boolean(),
        (ratings, cut, method, batch) => {
          const effort = customerEffortScoreAggregator({ method })
          const at = cut % (ratings.length + 1)
          const part = (list: number[]) =>
            JSON.parse(
              JSON.stringify(
                batch
                  ? effort.addAll(effort.initial(), list)
                  : list.reduce((state, rating) => effort.add(state, rating), effort.initial()),
              ),
            )
          const merged = effort.merge(part(ratings.slice(at)), part(ratings.slice(0, at)))
          expect(effort.result(merged)).toEqual(customerEffortScore(ratings, { method }))
        },
      ),
    )
  })

  it('gives the mean and its standard error by hand: [7, 6, 5, 2]', () => {
    // mean 20/4 = 5; s² = ((4 + 1 + 0 + 9)) / 3 = 14/3; SE = √(14/3) / 2 = 1.0801234497346435.
    const effort = customerEffortScoreAggregator()
    const result = effort.result(effort.addAll(effort.initial(), [7, 6, 5, 2]))
    expect(result.score).toBe(5)
    expect(result.standardError).toBeCloseTo(Math.sqrt(14 / 3) / 2, 15)
    expect(result.total).toBe(4)
    expect(effort.result(effort.initial()).score).toBeNull()
  })

  it('matches the documented example', () => {
    const effort = customerEffortScoreAggregator()
    const state = effort.merge(
      effort.addAll(effort.initial(), [7, 6]),
      effort.add(effort.initial(), 2),
    )
    expect(effort.result(state).score).toBe(5)
    expect(customerEffortScoreAggregator({ method: 'agree-share' }).result(state).score).toBe(
      0.6666666666666666,
    )
  })

  it('refuses bad options, ratings and states', () => {
    const metric = 'customerEffortScoreAggregator'
    expectMetricError(
      () => customerEffortScoreAggregator({ method: 'median' as 'mean' }),
      'INVALID_OPTION',
      { path: ['method'], metric },
    )
    expectMetricError(() => customerEffortScoreAggregator({ scaleMax: 1 }), 'INVALID_OPTION', {
      path: ['scaleMax'],
      metric,
    })
    const effort = customerEffortScoreAggregator()
    expectMetricError(() => effort.add(effort.initial(), 8), 'SCORE_OUT_OF_RANGE', { metric })
    expectMetricError(() => effort.addAll(effort.initial(), [1, 0]), 'SCORE_OUT_OF_RANGE', {
      path: [1],
      metric,
    })
    const good = effort.initial()
    expectMetricError(() => effort.merge({ ...good, total: 1.5 }, good), 'INVALID_STATE', {
      path: ['a', 'total'],
      metric,
    })
    expectMetricError(
      () => effort.result({ agreeing: 2, total: 1, sum: 7, sumOfSquares: 49 }),
      'INVALID_STATE',
      { path: [], metric },
    )
    expectMetricError(
      () => effort.result({ agreeing: 0, total: 1, sum: 8, sumOfSquares: 64 }),
      'INVALID_STATE',
      { path: [], metric },
    )
    expectMetricError(() => effort.result({ ...good, sum: -1 }), 'NEGATIVE_VALUE', {
      path: ['sum'],
      metric,
    })
  })
})
