import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SurveyResponse } from '../../src/records/SurveyResponse.js'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { npsTrend } from '../../src/survey/npsTrend.js'
import { expectMetricError } from '../helpers.js'

const response = (score: number, iso: string): SurveyResponse => ({
  score,
  respondedAt: new Date(iso),
})

describe('npsTrend', () => {
  it('groups by UTC month by default, with contiguous periods and null for empty ones', () => {
    const rows = npsTrend([
      response(10, '2026-01-10T00:00:00Z'),
      response(0, '2026-01-20T00:00:00Z'),
      response(9, '2026-03-31T23:59:59Z'),
    ])
    expect(rows.map((row) => [row.period, row.score, row.total])).toEqual([
      ['2026-01', 0, 2],
      ['2026-02', null, 0],
      ['2026-03', 100, 1],
    ])
    expect(rows[1]).toMatchObject({ lower: null, upper: null, standardError: null, responses: 0 })
    expect(rows[0]!.start.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(rows[0]!.end.toISOString()).toBe('2026-02-01T00:00:00.000Z')
  })

  it('places responses by the calendar of the given zone, not the host', () => {
    // 2026-02-01T03:00Z is still 31 January (22:00) in New York, but 1 February in UTC and Tokyo.
    const responses = [response(10, '2026-01-31T12:00:00Z'), response(0, '2026-02-01T03:00:00Z')]
    expect(npsTrend(responses, { timeZone: 'America/New_York' }).map((row) => row.period)).toEqual([
      '2026-01',
    ])
    expect(npsTrend(responses).map((row) => row.period)).toEqual(['2026-01', '2026-02'])
    const tokyo = npsTrend(responses, { timeZone: 'Asia/Tokyo' })
    expect(tokyo.map((row) => row.period)).toEqual(['2026-01', '2026-02'])
    expect(tokyo[1]!.start.toISOString()).toBe('2026-01-31T15:00:00.000Z')
  })

  it('supports weeks, quarters, years and fiscal years', () => {
    const responses = [response(10, '2026-01-05T12:00:00Z'), response(0, '2026-02-02T12:00:00Z')]
    expect(npsTrend(responses, { period: 'week' }).map((row) => row.period)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
      '2026-02-02',
    ])
    expect(
      npsTrend(responses, { period: 'quarter' }).map((row) => [row.period, row.score]),
    ).toEqual([['2026-Q1', 0]])
    expect(
      npsTrend(responses, { period: 'year', fiscalYearStartMonth: 2 }).map((row) => [
        row.period,
        row.score,
      ]),
    ).toEqual([
      ['FY2026', 100],
      ['FY2027', -100],
    ])
  })

  it('returns [] for no responses', () => {
    expect(npsTrend([])).toEqual([])
  })

  it('refuses invalid dates, scores and options with the row in the path', () => {
    expectMetricError(() => npsTrend([response(9, 'not a date')]), 'INVALID_DATE', {
      path: [0, 'respondedAt'],
      metric: 'npsTrend',
    })
    expectMetricError(
      () => npsTrend([response(12, '2026-01-01T00:00:00Z')]),
      'SCORE_OUT_OF_RANGE',
      { path: [0, 'score'] },
    )
    expectMetricError(() => npsTrend([], { timeZone: 'Nowhere/Land' }), 'INVALID_OPTION', {
      path: ['timeZone'],
    })
    expectMetricError(() => npsTrend([], { period: 'day' as 'week' }), 'INVALID_OPTION', {
      path: ['period'],
    })
  })

  it('counts every response exactly once, whatever the zone and period', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            score: fc.integer({ min: 0, max: 10 }),
            time: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 11, 31) }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.constantFrom(
          'UTC',
          'America/Los_Angeles',
          'Europe/Berlin',
          'Asia/Kolkata',
          'Australia/Lord_Howe',
        ),
        fc.constantFrom('week', 'month', 'quarter', 'year') as fc.Arbitrary<
          'week' | 'month' | 'quarter' | 'year'
        >,
        (rows, timeZone, period) => {
          const responses = rows.map((row) => ({
            score: row.score,
            respondedAt: new Date(row.time),
          }))
          const trend = npsTrend(responses, { timeZone, period })
          const overall = netPromoterScore(rows.map((row) => row.score))
          expect(trend.reduce((sum, row) => sum + row.total, 0)).toBe(overall.total)
          expect(trend.reduce((sum, row) => sum + row.promoters, 0)).toBe(overall.promoters)
          for (const row of trend) expect(row.end.getTime()).toBeGreaterThan(row.start.getTime())
          for (const { respondedAt } of responses) {
            const holder = trend.filter((row) => row.start <= respondedAt && respondedAt < row.end)
            expect(holder).toHaveLength(1)
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('matches the documented example', () => {
    const rows = npsTrend(
      [
        { score: 10, respondedAt: new Date('2026-01-31T12:00:00Z') },
        { score: 0, respondedAt: new Date('2026-02-01T03:00:00Z') },
      ],
      { timeZone: 'America/New_York' },
    )
    expect(rows.map((row) => [row.period, row.score])).toEqual([['2026-01', 0]])
  })
})
