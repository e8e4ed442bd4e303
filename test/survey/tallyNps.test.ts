import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tallyNps } from '../../src/survey/tallyNps.js'
import { expectMetricError } from '../helpers.js'

describe('tallyNps', () => {
  it('counts each class, passives included in the total', () => {
    // Rocks' R NPS package: npc(0:10) gives 7 detractors, 2 passives, 2 promoters.
    expect(tallyNps([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({
      promoters: 2,
      passives: 2,
      detractors: 7,
      total: 11,
    })
  })

  it('is all zero for an empty list and counts one element', () => {
    expect(tallyNps([])).toEqual({ promoters: 0, passives: 0, detractors: 0, total: 0 })
    expect(tallyNps([7])).toEqual({ promoters: 0, passives: 1, detractors: 0, total: 1 })
  })

  it('reads typed arrays', () => {
    expect(tallyNps(Uint8Array.of(10, 10, 0))).toEqual({
      promoters: 2,
      passives: 0,
      detractors: 1,
      total: 3,
    })
    expect(tallyNps(Float64Array.of(9, 8))).toEqual({
      promoters: 1,
      passives: 1,
      detractors: 0,
      total: 2,
    })
  })

  it('refuses a bad score with its index, as SPEC words the message', () => {
    const scores = Array(20).fill(9)
    scores[17] = 11
    expectMetricError(() => tallyNps(scores), 'SCORE_OUT_OF_RANGE', {
      path: [17],
      metric: 'tallyNps',
      message: 'tallyNps: score at index 17 is 11; scores must be integers from 0 to 10',
    })
    expectMetricError(() => tallyNps(Uint8Array.of(10, 200)), 'SCORE_OUT_OF_RANGE', { path: [1] })
    expectMetricError(() => tallyNps([Number.NaN]), 'SCORE_OUT_OF_RANGE', { path: [0] })
    expectMetricError(() => tallyNps([9.5]), 'SCORE_OUT_OF_RANGE', { path: [0] })
  })

  it('classes always add up to the number of scores', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 })), (scores) => {
        const { promoters, passives, detractors, total } = tallyNps(scores)
        expect(total).toBe(scores.length)
        expect(promoters + passives + detractors).toBe(total)
        expect(promoters).toBe(scores.filter((score) => score >= 9).length)
        expect(detractors).toBe(scores.filter((score) => score <= 6).length)
      }),
    )
  })

  it('matches the documented example', () => {
    expect(tallyNps([10, 9, 8, 6, 0])).toEqual({
      promoters: 2,
      passives: 1,
      detractors: 2,
      total: 5,
    })
  })
})
