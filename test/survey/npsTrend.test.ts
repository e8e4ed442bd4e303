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
    // By hand: January 10 and 0 → P 1, D 1, NPS 0; February none; March 9 → 100.
    expect(rows.map((row) => [row.group, row.period.label, row.result.score, row.n])).toEqual([
      [null, '2026-01', 0, 2],
      [null, '2026-02', null, 0],
      [null, '2026-03', 100, 1],
    ])
    expect(rows[1]!.result).toMatchObject({
      lower: null,
      upper: null,
      standardError: null,
      responses: 0,
    })
    expect(rows[0]!.period.start.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(rows[0]!.period.end.toISOString()).toBe('2026-02-01T00:00:00.000Z')
  })

  it('keeps the 0.1 fields flat on each row: the summary, and start/end as deprecated aliases', () => {
    const rows = npsTrend([
      response(10, '2026-01-10T00:00:00Z'),
      response(0, '2026-03-01T00:00:00Z'),
    ])
    for (const row of rows) {
      const { group, period, result, n, start, end, ...flat } = row
      // Every summary field is on the row with the value of `result`.
      expect(flat).toEqual(result)
      expect(start).toEqual(period.start)
      expect(end).toEqual(period.end)
      expect(n).toBe(result.responses)
      expect(group).toBeNull()
    }
    // January: one promoter → 100 (by hand); the flat score is the same number.
    expect(rows[0]!.score).toBe(100)
    expect(rows[0]!.total).toBe(1)
  })

  it('labels Monday weeks as ISO 8601 weeks with their week-numbering year', () => {
    // Expected labels, local Monday midnights and counts from Python's date.isocalendar()
    // with zoneinfo: test/reference/iso_weeks.py.
    const responses = [
      response(10, '2024-12-29T12:00:00Z'), // Sunday of 2024-W52
      response(9, '2024-12-30T12:00:00Z'), // Monday: 2025-W01 begins in 2024
      response(0, '2025-01-06T03:00:00Z'), // Sunday 5 January, 22:00 in New York
    ]
    const weekly = (timeZone: string) =>
      npsTrend(responses, { period: 'week', timeZone }).map((row) => [
        row.period.label,
        row.period.start.toISOString(),
        row.n,
      ])
    expect(weekly('UTC')).toEqual([
      ['2024-W52', '2024-12-23T00:00:00.000Z', 1],
      ['2025-W01', '2024-12-30T00:00:00.000Z', 1],
      ['2025-W02', '2025-01-06T00:00:00.000Z', 1],
    ])
    expect(weekly('America/New_York')).toEqual([
      ['2024-W52', '2024-12-23T05:00:00.000Z', 1],
      ['2025-W01', '2024-12-30T05:00:00.000Z', 2],
    ])
    const yearEnd = npsTrend(
      [response(10, '2026-12-31T12:00:00Z'), response(0, '2027-01-04T12:00:00Z')],
      { period: 'week' },
    )
    expect(yearEnd.map((row) => [row.period.label, row.period.start.toISOString()])).toEqual([
      ['2026-W53', '2026-12-28T00:00:00.000Z'],
      ['2027-W01', '2027-01-04T00:00:00.000Z'],
    ])
  })

  it('places responses by the calendar of the given zone, not the host', () => {
    // 2026-02-01T03:00Z is still 31 January (22:00) in New York, but 1 February in UTC and Tokyo.
    const responses = [response(10, '2026-01-31T12:00:00Z'), response(0, '2026-02-01T03:00:00Z')]
    const labels = (rows: { period: { label: string } }[]) => rows.map((row) => row.period.label)
    expect(labels(npsTrend(responses, { timeZone: 'America/New_York' }))).toEqual(['2026-01'])
    expect(labels(npsTrend(responses))).toEqual(['2026-01', '2026-02'])
    const tokyo = npsTrend(responses, { timeZone: 'Asia/Tokyo' })
    expect(labels(tokyo)).toEqual(['2026-01', '2026-02'])
    // Midnight of 1 February in Tokyo (UTC+9) is 15:00 UTC the day before.
    expect(tokyo[1]!.period.start.toISOString()).toBe('2026-01-31T15:00:00.000Z')
  })

  it('supports weeks, quarters, years and fiscal years', () => {
    const responses = [response(10, '2026-01-05T12:00:00Z'), response(0, '2026-02-02T12:00:00Z')]
    // 5 January 2026 is the Monday of ISO week 2 (1 January is a Thursday, so week 1 is
    // 29 December – 4 January); 2 February is week 6.
    expect(npsTrend(responses, { period: 'week' }).map((row) => row.period.label)).toEqual([
      '2026-W02',
      '2026-W03',
      '2026-W04',
      '2026-W05',
      '2026-W06',
    ])
    // Sunday weeks are not ISO weeks: labelled by their first day (4 January is a Sunday).
    expect(
      npsTrend(responses, { period: 'week', weekStartsOn: 0 })
        .map((row) => row.period.label)
        .slice(0, 2),
    ).toEqual(['2026-01-04', '2026-01-11'])
    expect(
      npsTrend(responses, { period: 'quarter' }).map((row) => [row.period.label, row.score]),
    ).toEqual([['2026-Q1', 0]])
    expect(
      npsTrend(responses, { period: 'year', fiscalYearStartMonth: 2 }).map((row) => [
        row.period.label,
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
          expect(trend.reduce((sum, row) => sum + row.n, 0)).toBe(overall.total)
          expect(trend.reduce((sum, row) => sum + row.result.promoters, 0)).toBe(overall.promoters)
          for (const row of trend) {
            expect(row.period.end.getTime()).toBeGreaterThan(row.period.start.getTime())
          }
          for (const { respondedAt } of responses) {
            const holder = trend.filter(
              (row) => row.period.start <= respondedAt && respondedAt < row.period.end,
            )
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
    expect(rows.map((row) => [row.period.label, row.result.score, row.n])).toEqual([
      ['2026-01', 0, 2],
    ])
  })
})
