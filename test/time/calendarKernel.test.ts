import { describe, expect, it } from 'vitest'
import {
  compileCalendar,
  epochDayOfText,
  offsetTable,
  weekdayOf,
  workingDays,
} from '../../src/time/calendarKernel.js'

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
})
