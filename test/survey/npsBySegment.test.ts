import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupMetric } from '../../src/core/groupMetric.js'
import type { SurveyResponse } from '../../src/records/SurveyResponse.js'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { netPromoterScoreAggregator } from '../../src/survey/netPromoterScoreAggregator.js'
import { npsBySegment } from '../../src/survey/npsBySegment.js'
import { npsInterval } from '../../src/survey/npsInterval.js'
import { expectMetricError } from '../helpers.js'

const at = new Date('2026-03-01T00:00:00Z')
const response = (score: number, segment?: string, weight?: number): SurveyResponse => ({
  score,
  respondedAt: at,
  ...(segment === undefined ? {} : { segment }),
  ...(weight === undefined ? {} : { weight }),
})

describe('npsBySegment', () => {
  it('scores each segment like netPromoterScore and npsInterval on its own responses', () => {
    const responses = [
      response(10, 'SMB'),
      response(3, 'SMB'),
      response(9, 'Enterprise'),
      response(8, 'SMB'),
    ]
    const rows = npsBySegment(responses)
    expect(rows.map((row) => row.group)).toEqual(['Enterprise', 'SMB'])
    const smb = rows[1]!
    expect(smb).toMatchObject(netPromoterScore([10, 3, 8]))
    const interval = npsInterval([10, 3, 8])
    expect(smb.lower).toBe(interval.lower)
    expect(smb.upper).toBe(interval.upper)
    expect(smb.standardError).toBe(interval.standardError)
    // and the numbers themselves: adjusted-Wald on P = 1, passive = 1, D = 1
    // (test/reference/nps_intervals.py, "npsBySegment SMB 10,3,8")
    expect(smb.score).toBe(0)
    expect(smb.lower).toBeCloseTo(-61.112614338043166, 10)
    expect(smb.upper).toBeCloseTo(61.112614338043166, 10)
    expect(smb.standardError).toBeCloseTo(31.180478223116175, 10)
    expect(smb.responses).toBe(3)
    expect(smb.effectiveSampleSize).toBe(3)
  })

  it('keeps responses without a segment in a null row, last', () => {
    const rows = npsBySegment([response(10), response(0, 'b'), response(9, 'a')])
    expect(rows.map((row) => [row.group, row.period, row.result.score, row.n])).toEqual([
      ['a', null, 100, 1],
      ['b', null, -100, 1],
      [null, null, 100, 1],
    ])
  })

  it('gives rows in the shape of groupMetric with the 0.1 fields flat as deprecated aliases', () => {
    const rows = npsBySegment([response(10, 'a'), response(3, 'a'), response(8, 'a', 2)])
    expect(rows).toHaveLength(1)
    const { group, period, result, n, segment, ...flat } = rows[0]!
    expect([group, period, segment, n]).toEqual(['a', null, 'a', 3])
    // Every summary field is on the row with the value of `result`.
    expect(flat).toEqual(result)
    // By hand: weights 1, 1, 2 → promoters 1, detractors 1, passives 2, total 4, NPS 0.
    expect(result).toMatchObject({ promoters: 1, passives: 2, detractors: 1, total: 4, score: 0 })
    expect(result.responses).toBe(3)
  })

  it('counts like groupMetric with netPromoterScoreAggregator (n and class counts per group)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.integer({ min: 0, max: 10 }),
            segment: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
          }),
        ),
        (rows) => {
          const responses = rows.map((row) => response(row.score, row.segment))
          const grouped = groupMetric(responses, netPromoterScoreAggregator(), {
            value: (r) => r.score,
            by: (r) => r.segment,
          })
          const bySegment = npsBySegment(responses)
          const key = (row: { group: string | null }) => String(row.group)
          expect(
            new Map(
              bySegment.map((row) => [
                key(row),
                [row.n, row.result.promoters, row.result.detractors],
              ]),
            ),
          ).toEqual(
            new Map(
              grouped.map((row) => [
                key(row),
                [row.n, row.result.promoters, row.result.detractors],
              ]),
            ),
          )
        },
      ),
    )
  })

  it('reports a key function that throws as INVALID_RECORD with the response and cause', () => {
    const failure = new Error('no segment service')
    const error = expectMetricError(
      () =>
        npsBySegment([response(9, 'a'), response(3, 'b')], (_, index) => {
          if (index === 1) throw failure
          return 'a'
        }),
      'INVALID_RECORD',
      { path: [1, 'segment'], metric: 'npsBySegment' },
    )
    expect(error.cause).toBe(failure)
    // A response that is not an object, with the default key and with a key function.
    for (const keyOf of [undefined, (r: SurveyResponse) => r.segment]) {
      expectMetricError(
        () => npsBySegment([response(9, 'a'), null as never], keyOf),
        'VALUE_OUT_OF_RANGE',
        { path: [1], metric: 'npsBySegment' },
      )
    }
    expectMetricError(
      () => npsBySegment([response(9, 'a')], () => 7 as never),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'segment'], metric: 'npsBySegment' },
    )
  })

  it('takes a key function', () => {
    const rows = npsBySegment([response(10, 'x'), response(0, 'y')], (r) =>
      r.score >= 9 ? 'high' : 'low',
    )
    expect(rows.map((row) => row.group)).toEqual(['high', 'low'])
  })

  it('weights responses and sizes the interval by the Kish effective sample size', () => {
    // Weights 2 (promoter), 1 (passive), 1 (detractor): NPS = 100·(2 − 1)/4 = 25,
    // n_eff = (Σw)²/Σw² = 16/6; the Wald interval on the tally scaled to n_eff, evaluated
    // independently in Python: SE = 50.77524002897476, lower = −74.51764176316699
    // (test/reference/nps_intervals.py, "survey/npsBySegment weights 2,1,1 …").
    const rows = npsBySegment(
      [response(10, 's', 2), response(7, 's', 1), response(0, 's')],
      undefined,
      {
        method: 'wald',
      },
    )
    const row = rows[0]!
    expect(row.score).toBe(25)
    expect(row).toMatchObject({ promoters: 2, passives: 1, detractors: 1, total: 4, responses: 3 })
    expect(row.effectiveSampleSize).toBeCloseTo(16 / 6, 14)
    expect(row.standardError).toBeCloseTo(50.77524002897476, 10)
    expect(row.lower).toBeCloseTo(-74.51764176316699, 10)
    expect(row.upper).toBe(100)
    // Adjusted-Wald on n_eff + 3: centre 11.76, SE 32.642616362853275.
    const adjusted = npsBySegment([response(10, 's', 2), response(7, 's', 1), response(0, 's')])[0]!
    expect(adjusted.standardError).toBeCloseTo(32.642616362853275, 10)
    expect(adjusted.upper).toBeCloseTo(75.74305831470319, 10)
  })

  it('returns [] for no responses and one row for one response', () => {
    expect(npsBySegment([])).toEqual([])
    expect(npsBySegment([response(9, 'a')])).toHaveLength(1)
  })

  it('refuses bad scores, weights and options with the row in the path', () => {
    expectMetricError(() => npsBySegment([response(9), response(11)]), 'SCORE_OUT_OF_RANGE', {
      path: [1, 'score'],
      message: 'npsBySegment: score at index 1 is 11; scores must be integers from 0 to 10',
    })
    expectMetricError(() => npsBySegment([response(9, 'a', -1)]), 'NEGATIVE_VALUE', {
      path: [0, 'weight'],
    })
    expectMetricError(() => npsBySegment([response(9, 'a', Number.NaN)]), 'NOT_FINITE', {
      path: [0, 'weight'],
    })
    expectMetricError(
      () => npsBySegment([response(9, 'a', 0), response(0, 'a', 0)]),
      'EMPTY_WEIGHTS',
      {
        message: /segment "a"/,
      },
    )
    expectMetricError(
      () => npsBySegment([response(9)], undefined, { confidence: 0 }),
      'INVALID_OPTION',
    )
  })

  it('segment tallies add up to the overall tally, whatever the order of responses', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.integer({ min: 0, max: 10 }),
            segment: fc.constantFrom('a', 'b', 'c'),
          }),
        ),
        (rows) => {
          const responses = rows.map((row) => response(row.score, row.segment))
          const bySegment = npsBySegment(responses)
          const overall = netPromoterScore(rows.map((row) => row.score))
          expect(bySegment.reduce((sum, row) => sum + row.promoters, 0)).toBe(overall.promoters)
          expect(bySegment.reduce((sum, row) => sum + row.total, 0)).toBe(overall.total)
          expect(npsBySegment([...responses].reverse())).toEqual(bySegment)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const rows = npsBySegment([
      { score: 10, respondedAt: new Date('2026-01-05'), segment: 'SMB' },
      { score: 3, respondedAt: new Date('2026-01-06'), segment: 'SMB' },
      { score: 9, respondedAt: new Date('2026-01-07'), segment: 'Enterprise' },
    ])
    expect(rows.map((row) => [row.group, row.result.score, row.n])).toEqual([
      ['Enterprise', 100, 1],
      ['SMB', 0, 2],
    ])
  })
})
