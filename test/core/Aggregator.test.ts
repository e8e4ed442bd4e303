import fc from 'fast-check'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import {
  type NpsAggregatorState,
  netPromoterScoreAggregator,
} from '../../src/survey/netPromoterScoreAggregator.js'

describe('Aggregator', () => {
  it('is satisfied by the survey aggregators, and rejects a wrong input or state type (tsc)', () => {
    const aggregator: Aggregator<NpsAggregatorState, number, unknown> = netPromoterScoreAggregator()
    // Checked by tsc: the NPS aggregator adds numbers (0–10 scores), not strings, and its
    // state is a tally of three counts, not a number.
    expectTypeOf(netPromoterScoreAggregator()).not.toExtend<
      Aggregator<NpsAggregatorState, string, unknown>
    >()
    expectTypeOf(netPromoterScoreAggregator()).not.toExtend<Aggregator<number, number, unknown>>()
    // initial() is an empty tally, a new object on every call (so callers may not share it)
    expect(aggregator.initial()).toEqual({ promoters: 0, passives: 0, detractors: 0 })
    expect(aggregator.initial()).not.toBe(aggregator.initial())
  })

  it('initial() is the identity of merge and add/merge agree with counting by hand', () => {
    const nps = netPromoterScoreAggregator()
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 50 }), (scores) => {
        let state = nps.initial()
        for (let index = 0; index < scores.length; index++) state = nps.add(state, scores[index]!)
        // Independent count: promoters 9–10, passives 7–8, detractors 0–6 (Bain definition).
        const expected = {
          promoters: scores.filter((s) => s >= 9).length,
          passives: scores.filter((s) => s === 7 || s === 8).length,
          detractors: scores.filter((s) => s <= 6).length,
        }
        expect(state).toEqual(expected)
        expect(nps.merge(nps.initial(), state)).toEqual(expected)
        expect(nps.merge(state, nps.initial())).toEqual(expected)
      }),
    )
    // Nothing added: the score is undefined, so null (never NaN or 0).
    expect(nps.result(nps.initial()).score).toBeNull()
  })

  it('matches the documented example', () => {
    const nps = netPromoterScoreAggregator()
    const left = nps.add(nps.add(nps.initial(), 10), 3)
    const right = nps.add(nps.initial(), 9)
    // 2 promoters, 1 detractor of 3: 100 · (2 − 1)/3
    expect(nps.result(nps.merge(left, right)).score).toBe(100 / 3)
  })
})
