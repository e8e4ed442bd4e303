import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BusinessCalendar } from '../../src/core/BusinessCalendar.js'
import { addBusinessHours } from '../../src/time/addBusinessHours.js'
import { businessHoursBetween } from '../../src/time/businessHoursBetween.js'
import { expectMetricError } from '../helpers.js'

const nineToFive = [{ start: '09:00', end: '17:00' }]
const calendar: BusinessCalendar = {
  timeZone: 'America/New_York',
  week: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: nineToFive,
  },
  holidays: ['2026-12-25'],
}

describe('addBusinessHours', () => {
  it('ends a deadline that fits exactly at the closing instant, not the next opening', () => {
    // Monday 2 March 2026 09:00 New York = 14:00Z; 8 business hours end at 17:00 = 22:00Z.
    expect(addBusinessHours(new Date('2026-03-02T14:00:00Z'), 8, calendar).toISOString()).toBe(
      '2026-03-02T22:00:00.000Z',
    )
    expect(addBusinessHours(new Date('2026-03-02T14:00:00Z'), 8.5, calendar).toISOString()).toBe(
      '2026-03-03T14:30:00.000Z',
    )
  })

  it('skips weekends and holidays: 4 hours from Thursday 24 December 15:00 end Monday 28 December 11:00', () => {
    expect(addBusinessHours(new Date('2026-12-24T20:00:00Z'), 4, calendar).toISOString()).toBe(
      '2026-12-28T16:00:00.000Z',
    )
  })

  it('returns start itself for 0 hours, even outside working hours', () => {
    const night = new Date('2026-03-07T03:00:00Z')
    expect(addBusinessHours(night, 0, calendar).getTime()).toBe(night.getTime())
  })

  it('is the inverse of businessHoursBetween', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 }),
        fc.integer({ min: 1, max: 200 }),
        (startHour, quarterHours) => {
          const start = new Date(Date.UTC(2026, 1, 1) + startHour * 3_600_000)
          const hours = quarterHours / 4
          const deadline = addBusinessHours(start, hours, calendar)
          expect(businessHoursBetween(start, deadline, calendar)).toBeCloseTo(hours, 9)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('refuses negative hours, a calendar without working time, and work that never fits', () => {
    expectMetricError(() => addBusinessHours(new Date(0), -1, calendar), 'NEGATIVE_VALUE', {
      path: ['hours'],
    })
    expectMetricError(
      () => addBusinessHours(new Date(0), 1, { timeZone: 'UTC', week: {} }),
      'INVALID_OPTION',
      { path: ['calendar', 'week'] },
    )
    const christmasOnly: BusinessCalendar = {
      timeZone: 'UTC',
      week: { monday: nineToFive },
      holidays: [],
    }
    expectMetricError(
      () => addBusinessHours(new Date(0), 1e9, christmasOnly),
      'VALUE_OUT_OF_RANGE',
      { path: ['hours'] },
    )
  })

  it('matches the documented example', () => {
    const utc = { timeZone: 'UTC', week: { monday: nineToFive, tuesday: nineToFive } }
    expect(addBusinessHours(new Date('2026-03-02T16:30:00Z'), 1, utc).toISOString()).toBe(
      '2026-03-03T09:30:00.000Z',
    )
  })
})
