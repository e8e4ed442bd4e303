import { describe, expect, it } from 'vitest'
import {
  periodGrid,
  periodIndex,
  readPeriodLayout,
  requireTimeZone,
} from '../../src/core/calendarPeriods.js'
import { expectMetricError } from '../helpers.js'

const utc = (text: string) => Date.parse(text)
const grid = (first: string, last: string, options: Parameters<typeof readPeriodLayout>[0]) =>
  periodGrid(utc(first), utc(last), readPeriodLayout(options, 'test'))
const iso = (starts: readonly number[]) => starts.map((start) => new Date(start).toISOString())

describe('calendarPeriods', () => {
  it('lays out UTC months with exclusive ends', () => {
    const { starts, labels } = grid('2026-01-15T00:00:00Z', '2026-03-01T00:00:00Z', {})
    expect(labels).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(iso(starts)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ])
  })

  it('starts months at local midnight across a daylight-saving change (Europe/Berlin, 29 March 2026)', () => {
    const { starts } = grid('2026-03-10T12:00:00Z', '2026-04-10T12:00:00Z', {
      timeZone: 'Europe/Berlin',
    })
    // CET is UTC+1 until 29 March 2026, CEST UTC+2 after.
    expect(iso(starts)).toEqual([
      '2026-02-28T23:00:00.000Z',
      '2026-03-31T22:00:00.000Z',
      '2026-04-30T22:00:00.000Z',
    ])
  })

  it('lays out ISO weeks from Monday, or from another first day', () => {
    // 2026-03-04 is a Wednesday.
    const monday = grid('2026-03-04T10:00:00Z', '2026-03-10T10:00:00Z', { period: 'week' })
    expect(monday.labels).toEqual(['2026-03-02', '2026-03-09'])
    const sunday = grid('2026-03-04T10:00:00Z', '2026-03-04T10:00:00Z', {
      period: 'week',
      weekStartsOn: 0,
    })
    expect(sunday.labels).toEqual(['2026-03-01'])
    expect(iso(sunday.starts)).toEqual(['2026-03-01T00:00:00.000Z', '2026-03-08T00:00:00.000Z'])
  })

  it('keeps weeks seven calendar days long across a daylight-saving change (America/New_York, 8 March 2026)', () => {
    const { starts } = grid('2026-03-03T12:00:00Z', '2026-03-10T12:00:00Z', {
      period: 'week',
      timeZone: 'America/New_York',
    })
    expect(iso(starts)).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
      '2026-03-16T04:00:00.000Z',
    ])
  })

  it('names calendar quarters and years', () => {
    expect(
      grid('2025-12-31T00:00:00Z', '2026-04-01T00:00:00Z', { period: 'quarter' }).labels,
    ).toEqual(['2025-Q4', '2026-Q1', '2026-Q2'])
    expect(grid('2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z', { period: 'year' }).labels).toEqual(
      ['2025', '2026'],
    )
  })

  it('names fiscal quarters and years by the calendar year in which the fiscal year ends', () => {
    // A fiscal year starting 1 February: FY2027 runs February 2026 – January 2027.
    const quarters = grid('2026-01-20T00:00:00Z', '2026-05-01T00:00:00Z', {
      period: 'quarter',
      fiscalYearStartMonth: 2,
    })
    expect(quarters.labels).toEqual(['FY2026-Q4', 'FY2027-Q1', 'FY2027-Q2'])
    expect(iso(quarters.starts)[0]).toBe('2025-11-01T00:00:00.000Z')
    const years = grid('2026-01-20T00:00:00Z', '2026-02-01T00:00:00Z', {
      period: 'year',
      fiscalYearStartMonth: 2,
    })
    expect(years.labels).toEqual(['FY2026', 'FY2027'])
    expect(iso(years.starts)).toEqual([
      '2025-02-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ])
  })

  it('finds the period of an instant by binary search, boundaries belonging to the later period', () => {
    const { starts } = grid('2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z', {})
    expect(periodIndex(starts, utc('2026-01-01T00:00:00Z'))).toBe(0)
    expect(periodIndex(starts, utc('2026-01-31T23:59:59.999Z'))).toBe(0)
    expect(periodIndex(starts, utc('2026-02-01T00:00:00Z'))).toBe(1)
    expect(periodIndex(starts, utc('2026-12-31T00:00:00Z'))).toBe(11)
  })

  it('refuses unknown zones and bad options', () => {
    expect(requireTimeZone('Asia/Kolkata', 'test')).toBe('Asia/Kolkata')
    expectMetricError(() => requireTimeZone('Mars/Olympus', 'test'), 'INVALID_OPTION', {
      path: ['timeZone'],
    })
    expectMetricError(() => requireTimeZone('', 'test'), 'INVALID_OPTION', { path: ['timeZone'] })
    expectMetricError(
      () => readPeriodLayout({ period: 'day' as 'week' }, 'test'),
      'INVALID_OPTION',
      { path: ['period'] },
    )
    expectMetricError(
      () => readPeriodLayout({ fiscalYearStartMonth: 13 }, 'test'),
      'INVALID_OPTION',
      {
        path: ['fiscalYearStartMonth'],
      },
    )
    expectMetricError(() => readPeriodLayout({ weekStartsOn: 7 }, 'test'), 'INVALID_OPTION', {
      path: ['weekStartsOn'],
    })
  })
})

describe('calendarPeriods bounds', () => {
  const layout = (options: Parameters<typeof readPeriodLayout>[0]) =>
    readPeriodLayout(options, 'npsTrend')

  it('refuses a period that would end past the largest Date instead of looping forever', () => {
    // 8.64e15 ms is +275760-09-13: its month would end in October 275760, past the range.
    expectMetricError(() => periodGrid(8.64e15, 8.64e15, layout({})), 'VALUE_OUT_OF_RANGE', {
      metric: 'npsTrend',
    })
    expectMetricError(
      () => periodGrid(-8.64e15, -8.64e15, layout({ period: 'year' })),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('refuses spans of more than 5,000 periods before computing any', () => {
    // 1970 → 2070 is 100 × 52.18 ≈ 5,218 weeks by hand, over the limit; 1,200 months is not.
    const start = Date.UTC(1970, 0, 1)
    const end = Date.UTC(2070, 0, 1)
    expectMetricError(
      () => periodGrid(start, end, layout({ period: 'week' })),
      'VALUE_OUT_OF_RANGE',
      { metric: 'npsTrend', message: /more than 5000 weeks/ },
    )
    expect(periodGrid(start, end, layout({ period: 'month' })).labels).toHaveLength(1_201)
    expectMetricError(
      () => periodGrid(-8.64e15, 8.64e15, layout({ period: 'year' })),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('keeps a local-mean-time midnight exact to the second (Asia/Tehran, LMT +3:25:44 in 1927)', () => {
    // Before 1946 Tehran kept local mean time, UTC+3:25:44 (IANA tzdata): 1 March 1927
    // begins at 28 February 20:34:16 UTC.
    const { starts, labels } = grid('1927-03-05T20:40:22Z', '1927-03-05T20:40:22Z', {
      timeZone: 'Asia/Tehran',
    })
    expect(labels).toEqual(['1927-03'])
    expect(iso(starts)[0]).toBe('1927-02-28T20:34:16.000Z')
  })

  it('starts a Lord Howe fiscal year at local midnight under its half-hour daylight saving', () => {
    // Australia/Lord_Howe kept UTC+11:30 in summer 1981/82 (IANA tzdata): 1 March 1982
    // begins at 28 February 12:30 UTC.
    const { starts } = grid('1982-06-01T00:00:00Z', '1982-06-01T00:00:00Z', {
      period: 'year',
      timeZone: 'Australia/Lord_Howe',
      fiscalYearStartMonth: 3,
    })
    expect(iso(starts)[0]).toBe('1982-02-28T12:30:00.000Z')
  })
})
