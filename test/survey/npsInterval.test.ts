import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { npsInterval } from '../../src/survey/npsInterval.js'
import { expectMetricError } from '../helpers.js'

// Reference values: the formulas of SPEC.md / Rocks (2016) / MeasuringU evaluated
// independently in Python 3 (statistics.NormalDist for z), printed to 16 digits; rerun
// test/reference/nps_intervals.py (lines "survey/npsInterval …").
describe('npsInterval', () => {
  it('Wald SE matches stats.stackexchange 18603 (whuber): variance 5/9, n = 324, SE ≈ 4.1 points', () => {
    const result = npsInterval(
      { promoters: 162, passives: 108, detractors: 54 },
      { method: 'wald' },
    )
    expect(result.score).toBeCloseTo(33.333333333333336, 12)
    expect(result.standardError).toBeCloseTo(4.14086662499961, 12)
    expect(result.lower).toBeCloseTo(25.217383883550177, 10)
    expect(result.upper).toBeCloseTo(41.449282783116494, 10)
    expect(result).toMatchObject({ confidence: 0.95, method: 'wald' })
  })

  it('Wald width matches cybaea: with p = d = 1/3 the 95 % width is ≈ 320/√n (10 points at n = 1024)', () => {
    const third = 1024 / 3
    const result = npsInterval(
      { promoters: third, passives: third, detractors: third },
      { method: 'wald' },
    )
    expect((result.upper ?? 0) - (result.lower ?? 0)).toBeCloseTo(10.0019, 3)
  })

  it('adjusted-Wald (default) adds 3 to n and ¾ to promoters and detractors, centred on the adjusted score', () => {
    const result = npsInterval({ promoters: 162, passives: 108, detractors: 54 })
    // n' = 327, P' = 162.75, D' = 54.75 → NPS' = 33.02752293577982, SE' = 4.123683693424049
    expect(result.method).toBe('adjusted-wald')
    expect(result.score).toBeCloseTo(33.333333333333336, 12)
    expect(result.standardError).toBeCloseTo(4.123683693424049, 12)
    expect(result.lower).toBeCloseTo(24.945251413033578, 10)
    expect(result.upper).toBeCloseTo(41.10979445852607, 10)
  })

  it('Wald is zero-width when all respond alike (Rocks: nps_se(1) == 0); adjusted-Wald is not', () => {
    const wald = npsInterval([10, 10, 10, 10, 10, 10, 10, 10, 10, 10], { method: 'wald' })
    expect(wald).toMatchObject({ score: 100, standardError: 0, lower: 100, upper: 100 })
    expect(npsInterval([3], { method: 'wald' }).standardError).toBe(0)
    const adjusted = npsInterval(Array(10).fill(10))
    expect(adjusted.score).toBe(100)
    expect(adjusted.standardError).toBeCloseTo(15.010237744338253, 12)
    expect(adjusted.lower).toBeCloseTo(47.50355154479021, 10)
    expect(adjusted.upper).toBe(100) // 76.92 + 29.42 clipped to 100
  })

  it('Rocks nps_var(c(1, 9)) == 1: one promoter and one detractor give SE = 100·sqrt(1/2)', () => {
    expect(npsInterval([1, 9], { method: 'wald' }).standardError).toBeCloseTo(
      100 * Math.SQRT1_2,
      12,
    )
  })

  it('uses the two-sided quantile for other confidence levels', () => {
    // [10,9,10,8,7,5,6,9,10] at 90 %: z = qnorm(0.95) = 1.644854, SE = 27.216552697590867
    const result = npsInterval([10, 9, 10, 8, 7, 5, 6, 9, 10], { method: 'wald', confidence: 0.9 })
    expect(result.lower).toBeCloseTo(-11.433912084414857, 10)
    expect(result.upper).toBeCloseTo(78.10057875108153, 10)
    expect(result.confidence).toBe(0.9)
  })

  it('returns null numbers for no responses', () => {
    expect(npsInterval([])).toEqual({
      score: null,
      lower: null,
      upper: null,
      standardError: null,
      confidence: 0.95,
      method: 'adjusted-wald',
    })
  })

  it('refuses bad options and bad scores', () => {
    expectMetricError(() => npsInterval([9], { confidence: 95 }), 'INVALID_OPTION', {
      path: ['confidence'],
    })
    expectMetricError(() => npsInterval([9], { method: 'bootstrap' as 'wald' }), 'INVALID_OPTION', {
      path: ['method'],
    })
    expectMetricError(() => npsInterval([9, -1]), 'SCORE_OUT_OF_RANGE', {
      path: [1],
      metric: 'npsInterval',
    })
  })

  it('bounds stay ordered within [−100, 100] for any tally and method', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(10_000),
        fc.constantFrom('wald', 'adjusted-wald') as fc.Arbitrary<'wald' | 'adjusted-wald'>,
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        (promoters, passives, detractors, method, confidence) => {
          fc.pre(promoters + passives + detractors > 0)
          const { lower, upper, score } = npsInterval(
            { promoters, passives, detractors },
            { method, confidence },
          )
          expect(lower).toBeGreaterThanOrEqual(-100)
          expect(upper).toBeLessThanOrEqual(100)
          expect(lower!).toBeLessThanOrEqual(upper!)
          if (method === 'wald') {
            expect(lower!).toBeLessThanOrEqual(score! + 1e-9)
            expect(upper!).toBeGreaterThanOrEqual(score! - 1e-9)
          }
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const r = npsInterval({ promoters: 162, passives: 108, detractors: 54 }, { method: 'wald' })
    expect(r.score).toBe(33.333333333333336)
    expect(r.standardError).toBeCloseTo(100 * Math.sqrt(5 / 9 / 324), 12)
  })
})
