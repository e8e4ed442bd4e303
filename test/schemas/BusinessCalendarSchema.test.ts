import { describe, expect, it } from 'vitest'
import { BusinessCalendarSchema } from '../../src/schemas/BusinessCalendarSchema.js'

describe('BusinessCalendarSchema', () => {
  it('refuses unknown zones, bad times and overlapping intervals, with the path', () => {
    const path = (value: unknown) => BusinessCalendarSchema.safeParse(value).error?.issues[0]?.path
    expect(path({ timeZone: 'Mars/Base', week: {} })).toEqual(['timeZone'])
    expect(path({ timeZone: 'UTC', week: { monday: [{ start: '9', end: '17:00' }] } })).toEqual([
      'week',
      'monday',
      0,
      'start',
    ])
    expect(
      path({
        timeZone: 'UTC',
        week: {
          monday: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '17:00' },
          ],
        },
      }),
    ).toEqual(['week', 'monday'])
    expect(path({ timeZone: 'UTC', week: {}, holidays: ['25/12/2026'] })).toEqual(['holidays', 0])
    expect(
      BusinessCalendarSchema.safeParse({ timeZone: 'UTC', week: { someday: [] } }).success,
    ).toBe(false)
  })

  it('matches the documented example', () => {
    expect(
      BusinessCalendarSchema.parse({
        timeZone: 'Europe/Berlin',
        week: {
          monday: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
        },
        holidays: ['2026-12-25'],
      }).week.monday?.length,
    ).toBe(2)
  })
})
