import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { expectMetricError } from '../helpers.js'

describe('netPromoterScore', () => {
  it('matches the published example: [10,9,10,8,7,5,6,9,10] is 33.33 (gist "nps" by flesch rounds it to 33)', () => {
    const result = netPromoterScore([10, 9, 10, 8, 7, 5, 6, 9, 10])
    expect(result.score).toBeCloseTo(33.333333, 6)
    expect(result).toMatchObject({ promoters: 5, passives: 2, detractors: 2, total: 9 })
    expect(result.promoterShare).toBeCloseTo(5 / 9, 15)
    expect(result.passiveShare).toBeCloseTo(2 / 9, 15)
    expect(result.detractorShare).toBeCloseTo(2 / 9, 15)
  })

  it('matches stats.stackexchange 18603 (whuber): shares 1/2, 1/3, 1/6 give NPS 33.3', () => {
    expect(netPromoterScore({ promoters: 162, passives: 108, detractors: 54 }).score).toBeCloseTo(
      100 / 3,
      12,
    )
  })

  it('counts passives in the base (DataBiosphere/terra-ui#347)', () => {
    expect(netPromoterScore([10, 8, 8, 8]).score).toBe(25)
  })

  it('is null with null shares when there are no responses, never 0 (Rocks: "real bad if the answer was 0")', () => {
    expect(netPromoterScore([])).toEqual({
      score: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      total: 0,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
    })
    expect(
      netPromoterScore({ promoters: 0, passives: 0, detractors: 0, total: 0 }).score,
    ).toBeNull()
  })

  it('gives ±100 and 0 when everyone is in one class', () => {
    expect(netPromoterScore([10]).score).toBe(100)
    expect(netPromoterScore([0, 6, 3]).score).toBe(-100)
    expect(netPromoterScore([7, 8]).score).toBe(0)
  })

  it('takes a tally, with or without total, and huge counts', () => {
    expect(netPromoterScore({ promoters: 6, passives: 2, detractors: 2, total: 10 }).score).toBe(40)
    const huge = netPromoterScore({ promoters: 3e15, passives: 1e15, detractors: 1e15 })
    expect(huge.score).toBe(40)
    expect(huge.total).toBe(5e15)
  })

  it('refuses inconsistent or impossible tallies', () => {
    expectMetricError(
      () => netPromoterScore({ promoters: 1, passives: 1, detractors: 1, total: 4 }),
      'INCONSISTENT_TOTAL',
      {
        path: ['total'],
        message: 'netPromoterScore: total is 4 but the counts add up to 3',
      },
    )
    expectMetricError(
      () => netPromoterScore({ promoters: -1, passives: 1, detractors: 1 }),
      'NEGATIVE_VALUE',
      {
        path: ['promoters'],
      },
    )
    expectMetricError(
      () => netPromoterScore({ promoters: 1, passives: Number.NaN, detractors: 1 }),
      'NOT_FINITE',
      {
        path: ['passives'],
      },
    )
    expectMetricError(
      () => netPromoterScore({ promoters: 1, passives: 1, detractors: 1, total: -3 }),
      'NEGATIVE_VALUE',
      {
        path: ['total'],
      },
    )
  })

  it('refuses bad scores with their index', () => {
    expectMetricError(() => netPromoterScore([10, 11]), 'SCORE_OUT_OF_RANGE', {
      path: [1],
      metric: 'netPromoterScore',
    })
  })

  it('stays within −100..100, ignores order and equals the mean of −1/0/+1 scores × 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (scores) => {
        const { score } = netPromoterScore(scores)
        expect(score).toBeGreaterThanOrEqual(-100)
        expect(score).toBeLessThanOrEqual(100)
        expect(netPromoterScore([...scores].reverse()).score).toBe(score)
        const trinomial =
          scores.reduce((sum, s) => sum + (s >= 9 ? 1 : s <= 6 ? -1 : 0), 0) / scores.length
        expect(score).toBeCloseTo(100 * trinomial, 9)
      }),
    )
  })

  it('is unchanged when every count is scaled', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.nat(1000),
        fc.nat(1000),
        fc.integer({ min: 1, max: 1000 }),
        (p, a, d, k) => {
          fc.pre(p + a + d > 0)
          const once = netPromoterScore({ promoters: p, passives: a, detractors: d }).score!
          const scaled = netPromoterScore({ promoters: k * p, passives: k * a, detractors: k * d })
            .score!
          expect(scaled).toBeCloseTo(once, 9)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    expect(netPromoterScore([10, 9, 10, 8, 7, 5, 6, 9, 10]).score).toBe(33.333333333333336)
  })
})
