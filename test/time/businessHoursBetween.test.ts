import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../../src/core/BusinessCalendar.js'
import { businessHoursBetween } from '../../src/time/businessHoursBetween.js'
import { expectMetricError } from '../helpers.js'

const nineToFive = [{ start: '09:00', end: '17:00' }]
const weekdays: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  week: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
  holidays: ['2026-04-03'],
}

describe('businessHoursBetween', () => {
  it('pauses outside hours (freeitsm SLA example: a P2 at 16:30 has used 0.5 h at 17:30 and its hour at 09:30)', () => {
    // Monday 2 March 2026, Berlin is UTC+1: 16:30 local = 15:30Z.
    expect(
      businessHoursBetween(
        new Date('2026-03-02T15:30:00Z'),
        new Date('2026-03-02T16:30:00Z'),
        weekdays,
      ),
    ).toBe(0.5)
    expect(
      businessHoursBetween(
        new Date('2026-03-02T15:30:00Z'),
        new Date('2026-03-03T08:30:00Z'),
        weekdays,
      ),
    ).toBe(1)
  })

  it('skips weekends and holidays: Thursday 2 April 17:00 to Tuesday 7 April 09:00 is one working day (Monday)', () => {
    // Friday 3 April 2026 is a holiday; CEST (UTC+2) from 29 March.
    expect(
      businessHoursBetween(
        new Date('2026-04-02T15:00:00Z'),
        new Date('2026-04-07T07:00:00Z'),
        weekdays,
      ),
    ).toBe(8)
  })

  it('counts real hours across daylight saving: a 24-hour Sunday interval has 23 h on 29 March and 25 h on 25 October in Berlin', () => {
    const sundays: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      week: { sunday: [{ start: '00:00', end: '24:00' }] },
    }
    expect(
      businessHoursBetween(
        new Date('2026-03-28T00:00:00Z'),
        new Date('2026-03-31T00:00:00Z'),
        sundays,
      ),
    ).toBe(23)
    expect(
      businessHoursBetween(
        new Date('2026-10-24T00:00:00Z'),
        new Date('2026-10-27T00:00:00Z'),
        sundays,
      ),
    ).toBe(25)
  })

  it('keeps 09:00–17:00 at 8 hours on a daylight-saving Monday (America/New_York, 9 March 2026 is after the change)', () => {
    const newYork: BusinessCalendar = { timeZone: 'America/New_York', week: { monday: nineToFive } }
    expect(
      businessHoursBetween(
        new Date('2026-03-07T00:00:00Z'),
        new Date('2026-03-10T00:00:00Z'),
        newYork,
      ),
    ).toBe(8)
  })

  it('honours a lunch break and is negative when end < start', () => {
    const lunch: BusinessCalendar = {
      timeZone: 'UTC',
      week: {
        monday: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
    }
    expect(
      businessHoursBetween(
        new Date('2026-03-02T11:00:00Z'),
        new Date('2026-03-02T14:00:00Z'),
        lunch,
      ),
    ).toBe(2)
    expect(
      businessHoursBetween(
        new Date('2026-03-02T14:00:00Z'),
        new Date('2026-03-02T11:00:00Z'),
        lunch,
      ),
    ).toBe(-2)
    expect(
      businessHoursBetween(
        new Date('2026-03-02T14:00:00Z'),
        new Date('2026-03-02T14:00:00Z'),
        lunch,
      ),
    ).toBe(0)
  })

  it('adds up over consecutive spans (the hours of [a, c] are those of [a, b] plus [b, c])', () => {
    const base = Date.UTC(2026, 2, 1)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        (x, y, z) => {
          const [a, b, c] = [x, y, z]
            .sort((p, q) => p - q)
            .map((hours) => new Date(base + hours * 3_600_000)) as [Date, Date, Date]
          const whole = businessHoursBetween(a, c, weekdays)
          expect(whole).toBeCloseTo(
            businessHoursBetween(a, b, weekdays) + businessHoursBetween(b, c, weekdays),
            9,
          )
          expect(whole).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('refuses invalid instants and calendars with the place', () => {
    expectMetricError(
      () => businessHoursBetween(new Date('x'), new Date(), weekdays),
      'INVALID_DATE',
      { path: ['start'] },
    )
    const bad = (calendar: unknown, path: (string | number)[]) =>
      expectMetricError(
        () => businessHoursBetween(new Date(0), new Date(1), calendar as BusinessCalendar),
        'INVALID_OPTION',
        { path },
      )
    bad({ timeZone: 'Nowhere/City', week: {} }, ['calendar', 'timeZone'])
    bad({ timeZone: 'UTC', week: { funday: nineToFive } }, ['calendar', 'week', 'funday'])
    bad({ timeZone: 'UTC', week: { monday: [{ start: '9:00', end: '17:00' }] } }, [
      'calendar',
      'week',
      'monday',
      0,
      'start',
    ])
    bad({ timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '24:30' }] } }, [
      'calendar',
      'week',
      'monday',
      0,
      'end',
    ])
    bad({ timeZone: 'UTC', week: { monday: [{ start: '17:00', end: '09:00' }] } }, [
      'calendar',
      'week',
      'monday',
      0,
      'end',
    ])
    bad(
      {
        timeZone: 'UTC',
        week: {
          monday: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '17:00' },
          ],
        },
      },
      ['calendar', 'week', 'monday'],
    )
    bad({ timeZone: 'UTC', week: {}, holidays: ['2026-13-01'] }, ['calendar', 'holidays', 0])
    bad(null, ['calendar'])
  })

  it('matches the documented example', () => {
    const calendar = {
      timeZone: 'Europe/Berlin',
      week: { monday: [{ start: '09:00', end: '17:00' }] },
    }
    expect(
      businessHoursBetween(
        new Date('2026-03-02T15:30:00Z'),
        new Date('2026-03-09T09:00:00Z'),
        calendar,
      ),
    ).toBe(1.5)
  })
})
