import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readCalendarDate } from '../../src/core/calendarKernel.js'
import { countWorkingDays, networkDays, readWeekend } from '../../src/time/networkDays.js'
import { expectMetricError } from '../helpers.js'

describe('networkDays', () => {
  it("matches Microsoft's NETWORKDAYS example: 2012-10-01 to 2013-03-01 is 110, 109 and 107 with holidays", () => {
    expect(networkDays('2012-10-01', '2013-03-01')).toBe(110)
    expect(networkDays('2012-10-01', '2013-03-01', { holidays: ['2012-11-22'] })).toBe(109)
    expect(
      networkDays('2012-10-01', '2013-03-01', {
        holidays: ['2012-11-22', '2012-12-04', '2013-01-21'],
      }),
    ).toBe(107)
  })

  it("matches Microsoft's NETWORKDAYS.INTL examples: 22, −21, 22 (Friday–Saturday weekend), 20 (mask '0010001')", () => {
    expect(networkDays('2006-01-01', '2006-01-31')).toBe(22)
    expect(networkDays('2006-02-28', '2006-01-31')).toBe(-21)
    expect(
      networkDays('2006-01-01', '2006-02-01', {
        weekend: [5, 6],
        holidays: ['2006-01-02', '2006-01-16'],
      }),
    ).toBe(22)
    expect(
      networkDays('2006-01-01', '2006-02-01', {
        weekend: '0010001',
        holidays: ['2006-01-02', '2006-01-16'],
      }),
    ).toBe(20)
  })

  it('counts both ends (OpenOffice: "NETWORKDAYS counts the first day"), one day, weekend days and duplicate holidays', () => {
    expect(networkDays('2026-03-02', '2026-03-02')).toBe(1) // a Monday
    expect(networkDays('2026-03-07', '2026-03-08')).toBe(0) // a weekend
    expect(
      networkDays('2026-03-02', '2026-03-06', {
        holidays: ['2026-03-04', '2026-03-04', '2026-03-07'],
      }),
    ).toBe(4)
  })

  it('reads Dates as calendar dates in the time zone, independent of the host zone', () => {
    // 2026-03-02T03:00Z is still Sunday 1 March in New York.
    const date = new Date('2026-03-02T03:00:00Z')
    expect(networkDays(date, date)).toBe(1)
    expect(networkDays(date, date, { timeZone: 'America/New_York' })).toBe(0)
    expect(readCalendarDate(new Date('2026-01-01T12:00:00Z'), 'Asia/Tokyo', 'm', ['x'])).toBe(
      Date.UTC(2026, 0, 1) / 86_400_000,
    )
  })

  it('equals numpy busday_count(start, end + 1) — a day-by-day count — for any span and weekend', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18000, max: 22000 }),
        fc.integer({ min: 0, max: 800 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 18000, max: 22800 }), { maxLength: 20 }),
        (first, span, weekendDays, holidayDays) => {
          const weekend = readWeekend(weekendDays, 'm')
          let expected = 0
          const holidays = new Set(holidayDays)
          for (let day = first; day <= first + span; day++) {
            const weekday = new Date(day * 86_400_000).getUTCDay()
            if (!weekend[weekday] && !holidays.has(day)) expected++
          }
          expect(countWorkingDays(first, first + span, weekend, holidays)).toBe(expected)
          const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)
          const options = { weekend: weekendDays, holidays: holidayDays.map(iso) }
          expect(networkDays(iso(first + span), iso(first), options)).toBe(
            span === 0 ? expected : -expected,
          )
        },
      ),
    )
  })

  it('refuses invalid dates and weekends', () => {
    expectMetricError(() => networkDays('2026-02-30', '2026-03-01'), 'INVALID_DATE', {
      path: ['start'],
    })
    expectMetricError(() => networkDays('2026-03-01', new Date('x')), 'INVALID_DATE', {
      path: ['end'],
    })
    expectMetricError(
      () => networkDays('2026-03-01', '2026-03-02', { holidays: ['soon'] }),
      'INVALID_DATE',
      { path: ['holidays', 0] },
    )
    expectMetricError(
      () => networkDays('2026-03-01', '2026-03-02', { weekend: [7] }),
      'INVALID_OPTION',
      { path: ['weekend'] },
    )
    expectMetricError(
      () => networkDays('2026-03-01', '2026-03-02', { weekend: '1111111' }),
      'INVALID_OPTION',
      { path: ['weekend'] },
    )
    expectMetricError(
      () => networkDays('2026-03-01', '2026-03-02', { weekend: 'weekend' }),
      'INVALID_OPTION',
    )
    expectMetricError(
      () => networkDays('2026-03-01', '2026-03-02', { timeZone: 'Moon/Base' }),
      'INVALID_OPTION',
      { path: ['timeZone'] },
    )
  })

  it('matches the documented example', () => {
    expect(networkDays('2012-10-01', '2013-03-01')).toBe(110)
    expect(
      networkDays('2012-10-01', '2013-03-01', {
        holidays: ['2012-11-22', '2012-12-04', '2013-01-21'],
      }),
    ).toBe(107)
  })
})
