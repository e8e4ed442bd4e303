import { describe, expect, expectTypeOf, it } from 'vitest'
import { type BusinessCalendar, WEEKDAYS, type Weekday } from '../../src/core/BusinessCalendar.js'
import { BusinessCalendarSchema } from '../../src/schemas/BusinessCalendarSchema.js'
import { businessHoursBetween } from '../../src/time/businessHoursBetween.js'

// 1 January 2024 was a Monday (ISO 8601 week 2024-W01 starts on it), so day i of that week,
// counting from 0, is 1 + i January.
const dayOfWeek = (i: number) => new Date(Date.UTC(2024, 0, 1 + i))

describe('BusinessCalendar', () => {
  it('each WEEKDAYS name opens the day it names: Monday first (1 Jan 2024) to Sunday (7 Jan)', () => {
    expect(WEEKDAYS).toHaveLength(7)
    for (let i = 0; i < WEEKDAYS.length; i++) {
      const calendar: BusinessCalendar = {
        timeZone: 'UTC',
        week: { [WEEKDAYS[i]!]: [{ start: '09:00', end: '17:00' }] },
      }
      // Only that day is open, 8 hours: the whole week holds 8 hours and its own day all 8.
      expect(businessHoursBetween(dayOfWeek(0), dayOfWeek(7), calendar), WEEKDAYS[i]).toBe(8)
      expect(businessHoursBetween(dayOfWeek(i), dayOfWeek(i + 1), calendar), WEEKDAYS[i]).toBe(8)
    }
  })

  it('the schema reads exactly the WEEKDAYS names', () => {
    for (const name of WEEKDAYS) {
      const parsed = BusinessCalendarSchema.safeParse({
        timeZone: 'UTC',
        week: { [name]: [{ start: '09:00', end: '17:00' }] },
      })
      expect(parsed.success, name).toBe(true)
    }
    expect(
      BusinessCalendarSchema.safeParse({
        timeZone: 'UTC',
        week: { mon: [{ start: '09:00', end: '17:00' }] },
      }).success,
    ).toBe(false)
  })

  it('types (checked by tsc, which npm run typecheck runs on test/): Weekday derives from WEEKDAYS', () => {
    expectTypeOf<Weekday>().toEqualTypeOf<(typeof WEEKDAYS)[number]>()
    expectTypeOf<'mon'>().not.toExtend<Weekday>()
    // @ts-expect-error: a calendar needs its time zone
    const zoneless: BusinessCalendar = { week: { monday: [{ start: '09:00', end: '17:00' }] } }
    // and at run time the day names of such a calendar are still read: Monday 1 January 2024
    expect(businessHoursBetween(dayOfWeek(0), dayOfWeek(1), { ...zoneless, timeZone: 'UTC' })).toBe(
      8,
    )
  })
})
