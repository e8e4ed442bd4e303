import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../../src/core/BusinessCalendar.js'
import { quotaPacing } from '../../src/quota/quotaPacing.js'
import type { Quota } from '../../src/records/Quota.js'
import { expectMetricError } from '../helpers.js'

const q1: Quota = {
  ownerId: 'ana',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  amount: 1000000,
}
const asOf = new Date('2026-02-10T00:00:00Z')

describe('quotaPacing', () => {
  it('matches the documented example', () => {
    const pace = quotaPacing(
      { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000000 },
      300000,
      { asOf: new Date('2026-02-10T00:00:00Z'), openPipeline: 200000 },
    )
    expect(pace.elapsedDays).toBe(40)
    expect(pace.paceRatio).toBe(0.675)
    expect(pace.projected?.toString()).toBe('675000')
    expect([pace.lower, pace.upper]).toEqual([0.675, 0.875])
  })

  it('paces 300k of 1M with 40 of 90 calendar days elapsed, worked by hand', () => {
    // Q1 2026 = 31 + 28 + 31 = 90 days; by 2026-02-10 00:00, Jan (31) + Feb 1–9 (9) = 40 elapsed.
    // expected = 1,000,000 × 40/90 = 444,444.44…; pace = 300,000 / 444,444.44… = 0.675;
    // gap = 444,444.44… − 300,000 = 144,444.44…; run-rate = 300,000 × 90/40 = 675,000 (67.5 %);
    // with 200,000 weighted pipeline: 875,000 → range [0.675, 0.875].
    const pace = quotaPacing(q1, 300000, { asOf, openPipeline: '200000' })
    expect(pace.dayCount).toBe('calendar-days')
    expect(pace.totalDays).toBe(90)
    expect(pace.attainment).toBe(0.3)
    expect(pace.expectedToDate?.toFixed(2)).toBe('444444.44')
    expect(pace.gapToPace?.toFixed(2)).toBe('144444.44')
    expect(pace.projectedAttainment).toBe(0.675)
    expect(pace.projectedWithPipeline?.toString()).toBe('875000')
  })

  it('paces in business days as numpy.busday_count counts them', () => {
    // test/reference/quota.py: busday_count('2026-01-01', '2026-04-01') = 64 weekdays in Q1,
    // 28 before Feb 10 → expected 1,000,000 × 28/64 = 437,500; pace 300,000/437,500 = 0.685714…;
    // run-rate 300,000 × 64/28 = 685,714.28…
    const pace = quotaPacing(q1, 300000, { asOf, dayCount: 'business-days' })
    expect([pace.elapsedDays, pace.totalDays]).toEqual([28, 64])
    expect(pace.expectedToDate?.toString()).toBe('437500')
    expect(pace.paceRatio).toBeCloseTo(0.6857142857142857, 15)
    expect(pace.projected?.toFixed(2)).toBe('685714.29')
    // With US holidays (Jan 1, Jan 19, Feb 16): 61 days, 26 elapsed → 1,000,000 × 26/61.
    const calendar: BusinessCalendar = {
      timeZone: 'UTC',
      week: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [
          day,
          [{ start: '09:00', end: '17:00' }],
        ]),
      ),
      holidays: ['2026-01-01', '2026-01-19', '2026-02-16'],
    }
    const holidays = quotaPacing(q1, 300000, { asOf, dayCount: 'business-days', calendar })
    expect([holidays.elapsedDays, holidays.totalDays]).toEqual([26, 61])
    expect(holidays.expectedToDate?.toFixed(6)).toBe('426229.508197') // 26,000,000 / 61
  })

  it('counts the elapsed share of a business day by its working hours', () => {
    // Tuesday 2026-02-10, 13:00 UTC with 09:00–17:00 days: 4 of 8 hours → 28.5 business days.
    const calendar: BusinessCalendar = {
      timeZone: 'UTC',
      week: {
        monday: [{ start: '09:00', end: '17:00' }],
        tuesday: [{ start: '09:00', end: '17:00' }],
        wednesday: [{ start: '09:00', end: '17:00' }],
        thursday: [{ start: '09:00', end: '17:00' }],
        friday: [{ start: '09:00', end: '17:00' }],
      },
    }
    const pace = quotaPacing(q1, 0, {
      asOf: new Date('2026-02-10T13:00:00Z'),
      dayCount: 'business-days',
      calendar,
    })
    expect(pace.elapsedDays).toBe(28.5)
  })

  it('counts a 23-hour daylight-saving day by its real length', () => {
    // New York, March 2026: clocks go forward on Sunday Mar 8 (midnight 05:00Z, next midnight
    // 04:00Z on Mar 9: 23 hours). At 12:00 EDT = 16:00Z, 11 of its 23 hours have passed:
    // elapsed = 7 whole days (Mar 1–7) + 11/23.
    const march: Quota = {
      ownerId: 'ana',
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      amount: 31,
    }
    const pace = quotaPacing(march, 0, {
      asOf: new Date('2026-03-08T16:00:00Z'),
      timeZone: 'America/New_York',
    })
    expect(pace.totalDays).toBe(31)
    expect(pace.elapsedDays).toBeCloseTo(7 + 11 / 23, 12)
  })

  it('is null where nothing is defined: before the period, a zero quota, a period of no business day', () => {
    const before = quotaPacing(q1, 0, { asOf: new Date('2025-12-01T00:00:00Z'), openPipeline: 5 })
    expect(before.elapsedDays).toBe(0)
    expect(before.expectedToDate?.toString()).toBe('0')
    expect([before.paceRatio, before.projected, before.projectedAttainment]).toEqual([
      null,
      null,
      null,
    ])
    expect([before.projectedWithPipeline, before.lower, before.upper]).toEqual([null, null, null])
    const zero = quotaPacing({ ...q1, amount: 0 }, 10, { asOf })
    expect([zero.attainment, zero.paceRatio, zero.projectedAttainment]).toEqual([null, null, null])
    expect(zero.projected?.toString()).toBe('22.5') // 10 × 90/40
    // A weekend-only period (Sat Jan 3 – Sun Jan 4, 2026) has no business day.
    const weekend = quotaPacing({ ...q1, periodStart: '2026-01-03', periodEnd: '2026-01-04' }, 1, {
      asOf,
      dayCount: 'business-days',
    })
    expect(weekend.totalDays).toBe(0)
    expect([weekend.expectedToDate, weekend.projected]).toEqual([null, null])
  })

  it('after the period, expected is the quota and the projection is what was booked', () => {
    const after = quotaPacing(q1, 1200000, { asOf: new Date('2026-06-01T00:00:00Z') })
    expect(after.elapsedDays).toBe(90)
    expect(after.expectedToDate?.toString()).toBe('1000000')
    expect(after.gapToPace?.toString()).toBe('-200000')
    expect(after.projectedAttainment).toBe(1.2)
  })

  it('refuses bad input with a path', () => {
    const metric = 'quotaPacing'
    const cases: [() => unknown, Parameters<typeof expectMetricError>[1], (string | number)[]][] = [
      [() => quotaPacing(q1, 1, { asOf: new Date(Number.NaN) }), 'INVALID_DATE', ['asOf']],
      [
        () => quotaPacing(q1, 1, undefined as unknown as { asOf: Date }),
        'INVALID_OPTION',
        ['asOf'],
      ],
      [() => quotaPacing(q1, -1, { asOf }), 'NEGATIVE_VALUE', ['booked']],
      [() => quotaPacing(q1, 1, { asOf, openPipeline: 'x' }), 'NOT_FINITE', ['openPipeline']],
      [
        () => quotaPacing({ ...q1, amount: -5 }, 1, { asOf }),
        'NEGATIVE_VALUE',
        ['quota', 'amount'],
      ],
      [
        () => quotaPacing({ ...q1, periodEnd: '2025-01-01' }, 1, { asOf }),
        'END_BEFORE_START',
        ['quota', 'periodEnd'],
      ],
      [
        () => quotaPacing({ ...q1, periodStart: 'Jan 1' }, 1, { asOf }),
        'INVALID_DATE',
        ['quota', 'periodStart'],
      ],
      [() => quotaPacing(null as unknown as Quota, 1, { asOf }), 'INVALID_RECORD', ['quota']],
      [
        () => quotaPacing(q1, 1, { asOf, dayCount: 'weeks' as 'calendar-days' }),
        'INVALID_OPTION',
        ['dayCount'],
      ],
      [
        () => quotaPacing(q1, 1, { asOf, timeZone: 'Nowhere/Else' }),
        'INVALID_OPTION',
        ['timeZone'],
      ],
      [
        () => quotaPacing(q1, 1, { asOf, calendar: { timeZone: 'UTC', week: {} } }),
        'INVALID_OPTION',
        ['calendar'],
      ],
      [
        () =>
          quotaPacing(q1, 1, {
            asOf,
            dayCount: 'business-days',
            calendar: { timeZone: 'UTC', week: {} },
            timeZone: 'Europe/Berlin',
          }),
        'INVALID_OPTION',
        ['timeZone'],
      ],
      [
        () =>
          quotaPacing(q1, 1, {
            asOf,
            dayCount: 'business-days',
            calendar: { timeZone: 'UTC', week: { monday: [{ start: '9', end: '17:00' }] } },
          }),
        'INVALID_OPTION',
        ['calendar', 'week', 'monday', 0, 'start'],
      ],
    ]
    for (const [action, code, path] of cases) expectMetricError(action, code, { path, metric })
  })

  it('keeps 0 ≤ elapsed ≤ total and expectedToDate − gapToPace = booked exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.constantFrom('calendar-days' as const, 'business-days' as const),
        (hours, booked, dayCount) => {
          const when = new Date(Date.UTC(2026, 0, 1) + hours * 12 * 3_600_000)
          const pace = quotaPacing(q1, booked, { asOf: when, dayCount })
          expect(pace.elapsedDays).toBeGreaterThanOrEqual(0)
          expect(pace.elapsedDays).toBeLessThanOrEqual(pace.totalDays)
          if (pace.expectedToDate !== null && pace.gapToPace !== null)
            expect(pace.expectedToDate.minus(pace.gapToPace).toString()).toBe(String(booked))
        },
      ),
    )
  })
})
