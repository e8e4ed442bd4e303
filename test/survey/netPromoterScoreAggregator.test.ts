import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { netPromoterScoreAggregator } from '../../src/survey/netPromoterScoreAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('netPromoterScoreAggregator', () => {
  it('takes an options object like every aggregator factory and refuses one that is not an object', () => {
    const nps = netPromoterScoreAggregator({})
    // 10, 9 promoters, 3 detractor, 7 passive: (2 − 1) / 4 · 100 = 25 (hand count)
    expect(nps.result(nps.addAll(nps.initial(), [10, 9, 3, 7])).score).toBe(25)
    for (const bad of [null, 1, 'x', []]) {
      expectMetricError(
        () => netPromoterScoreAggregator(bad as unknown as object),
        'INVALID_OPTION',
        {
          path: [],
          metric: 'netPromoterScoreAggregator',
        },
      )
    }
  })

  const nps = netPromoterScoreAggregator()

  it('starts empty with a null score', () => {
    expect(nps.initial()).toEqual({ promoters: 0, passives: 0, detractors: 0 })
    expect(nps.result(nps.initial()).score).toBeNull()
  })

  it('does not mutate states', () => {
    const state = nps.initial()
    const next = nps.add(state, 9)
    nps.addAll(next, [1, 2])
    nps.merge(state, next)
    expect(state).toEqual({ promoters: 0, passives: 0, detractors: 0 })
    expect(next).toEqual({ promoters: 1, passives: 0, detractors: 0 })
  })

  it('refuses bad scores and corrupted states', () => {
    expectMetricError(() => nps.add(nps.initial(), 11), 'SCORE_OUT_OF_RANGE', {
      metric: 'netPromoterScoreAggregator',
    })
    expectMetricError(() => nps.addAll(nps.initial(), [1, -1]), 'SCORE_OUT_OF_RANGE', { path: [1] })
    expectMetricError(
      () => nps.merge({ promoters: -1, passives: 0, detractors: 0 }, nps.initial()),
      'NEGATIVE_VALUE',
      {
        path: ['a', 'promoters'],
      },
    )
    expectMetricError(
      () => nps.result({ promoters: Number.NaN, passives: 0, detractors: 0 }),
      'NOT_FINITE',
    )
  })

  it('any split, merged in any order, equals the one-shot result, through JSON', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10 })),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.boolean(),
        (scores, cuts, oneByOne) => {
          const bounds = [
            0,
            ...cuts.map((cut) => cut % (scores.length + 1)).sort((x, y) => x - y),
            scores.length,
          ]
          const states = bounds.slice(1).map((end, part) => {
            const slice = scores.slice(bounds[part], end)
            const state = oneByOne
              ? slice.reduce((s, score) => nps.add(s, score), nps.initial())
              : nps.addAll(nps.initial(), slice)
            return JSON.parse(JSON.stringify(state))
          })
          const merged = states.reverse().reduce((a, b) => nps.merge(b, a), nps.initial())
          expect(nps.result(merged)).toEqual(netPromoterScore(scores))
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const left = nps.addAll(nps.initial(), [10, 9, 3])
    const right = nps.add(nps.initial(), 7)
    expect(nps.result(nps.merge(left, right)).score).toBe(25)
  })
})
