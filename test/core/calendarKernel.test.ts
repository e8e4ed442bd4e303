import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  compileCalendar,
  epochDayOfText,
  offsetTable,
  weekdayOf,
  workingDays,
  workingMilliseconds,
  workingTimeIndex,
} from '../../src/core/calendarKernel.js'
import { expectMetricError } from '../helpers.js'

describe('calendarKernel', () => {
  it('reads dates and weekdays of epoch days (1970-01-01 was a Thursday)', () => {
    expect(epochDayOfText('1970-01-02')).toBe(1)
    expect(epochDayOfText('2026-02-29')).toBeNaN()
    expect(weekdayOf(0)).toBe(4)
    expect(weekdayOf(-1)).toBe(3)
  })

  it('samples offsets weekly and marks the days around a change as exact', () => {
    const first = epochDayOfText('2026-03-20')
    const table = offsetTable(first, first + 20, 'Europe/Berlin')
    expect(table.offsetOf(first)).toBe(3_600_000)
    expect(table.offsetOf(epochDayOfText('2026-03-30'))).toBe(7_200_000)
    expect(table.exact(epochDayOfText('2026-03-29'))).toBe(true)
    expect(table.exact(epochDayOfText('2026-03-22'))).toBe(false)
  })

  it('counts business days as shares of each working day', () => {
    const calendar = compileCalendar(
      {
        timeZone: 'UTC',
        week: {
          monday: [{ start: '08:00', end: '16:00' }],
          tuesday: [{ start: '08:00', end: '12:00' }],
        },
      },
      'm',
    )
    // Monday 12:00 → Tuesday 10:00: half of Monday + half of Tuesday.
    expect(workingDays(calendar, Date.UTC(2026, 2, 2, 12), Date.UTC(2026, 2, 3, 10))).toBe(1)
    expect(calendar.minutesPerWeekday).toEqual([0, 480, 240, 0, 0, 0, 0])
  })

  it('an index answers every span as walking its days does (Berlin DST, holidays, lunch breaks)', () => {
    const calendar = compileCalendar(
      {
        timeZone: 'Europe/Berlin',
        week: {
          monday: [
            { start: '01:30', end: '03:30' },
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
          wednesday: [{ start: '00:00', end: '24:00' }],
          sunday: [{ start: '02:00', end: '03:00' }],
        },
        holidays: ['2026-03-30', '2026-10-26', '2027-01-01'],
      },
      'm',
    )
    const origin = Date.UTC(2025, 9, 1)
    const index = workingTimeIndex(calendar)
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 800 * 24 }), fc.integer({ min: 0, max: 400 * 24 })),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (spans) => {
          for (const [offset, length] of spans) {
            const start = origin + offset * 1_800_000
            const end = start + length * 1_800_000
            expect(index.milliseconds(start, end, 'm', [])).toBe(
              workingMilliseconds(calendar, start, end, 'm', []),
            )
            expect(index.days(start, end, 'm', [])).toBeCloseTo(
              workingDays(calendar, start, end, 'm', []),
              9,
            )
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('an index refuses spans beyond the limit as the walk does', () => {
    const calendar = compileCalendar(
      { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }] } },
      'm',
    )
    const index = workingTimeIndex(calendar)
    expectMetricError(
      () => index.milliseconds(-8.64e15, 8.64e15, 'm', ['x']),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['x'],
        metric: 'm',
      },
    )
  })
})
