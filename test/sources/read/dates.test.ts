import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  instantOfLocal,
  readCalendarDay,
  readInstant,
  startOfDay,
} from '../../../src/sources/read/dates.js'

const utc = { timeZone: 'UTC', dateOrder: 'mdy' } as const
const berlin = { timeZone: 'Europe/Berlin', dateOrder: 'dmy' } as const
const newYork = { timeZone: 'America/New_York', dateOrder: 'mdy' } as const

describe('readInstant', () => {
  it('takes text with an offset as that instant (Salesforce API and ISO forms)', () => {
    expect(readInstant('2026-03-01T10:00:00.000Z', berlin)).toBe(Date.UTC(2026, 2, 1, 10))
    expect(readInstant('2026-03-01T10:00:00.000+0000', berlin)).toBe(Date.UTC(2026, 2, 1, 10))
    expect(readInstant('2026-03-01T10:00:00+01:00', utc)).toBe(Date.UTC(2026, 2, 1, 9))
  })

  it('reads dates and local date-times in the stated zone, not the host’s', () => {
    // Berlin is UTC+1 in winter: local midnight of 1 March 2026 is 23:00 UTC on 28 February.
    expect(readInstant('2026-03-01', berlin)).toBe(Date.UTC(2026, 1, 28, 23))
    expect(readInstant('01.03.2026', berlin)).toBe(Date.UTC(2026, 1, 28, 23))
    // New York is UTC−5 in winter: 3/1/2026 10:15 AM is 15:15 UTC; 10:15 PM is 03:15 next day.
    expect(readInstant('3/1/2026 10:15 AM', newYork)).toBe(Date.UTC(2026, 2, 1, 15, 15))
    expect(readInstant('3/1/2026, 10:15 PM', newYork)).toBe(Date.UTC(2026, 2, 2, 3, 15))
    expect(readInstant('3/1/2026 12:00 AM', utc)).toBe(Date.UTC(2026, 2, 1, 0))
    expect(readInstant('2026-03-01 22:15', utc)).toBe(Date.UTC(2026, 2, 1, 22, 15))
    // Summer time: New York is UTC−4 on 1 July.
    expect(readInstant('7/1/2026', newYork)).toBe(Date.UTC(2026, 6, 1, 4))
  })

  it('reads d/m/y and m/d/y by the stated order only', () => {
    expect(readInstant('3/1/2026', utc)).toBe(Date.UTC(2026, 2, 1))
    expect(readInstant('3/1/2026', { timeZone: 'UTC', dateOrder: 'dmy' })).toBe(
      Date.UTC(2026, 0, 3),
    )
    expect(readInstant('3/1/2026', { timeZone: 'UTC', dateOrder: 'ymd' })).toBeNull()
    expect(readInstant('13/1/2026', utc)).toBeNull()
  })

  it('refuses impossible dates, junk and huge text; blanks are absent', () => {
    for (const text of [
      '2026-02-30',
      '2/30/2026',
      '2026-13-01',
      '3/1/2026 13:00 PM',
      '3/1/2026 24:00',
      'tomorrow',
      'x'.repeat(1_000_000),
      5,
      {},
    ])
      expect(readInstant(text, utc), String(text).slice(0, 20)).toBeNull()
    expect(readInstant('', utc)).toBeUndefined()
    expect(readInstant(null, utc)).toBeUndefined()
    expect(readInstant(new Date(5), utc)).toBe(5)
    expect(readInstant(new Date(Number.NaN), utc)).toBeNull()
  })

  it('is the instant whose wall clock in the zone is the text (property, any host zone)', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ]
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(...zones),
        (year, month, day, hour, timeZone) => {
          const pad = (n: number) => String(n).padStart(2, '0')
          const text = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:30:00`
          const time = readInstant(text, { timeZone, dateOrder: 'ymd' }) as number
          const wall = new Intl.DateTimeFormat('en-CA', {
            timeZone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
          }).format(new Date(time))
          // Wall times skipped by a clock change (spring forward) read one hour later.
          const expected = `${year}-${pad(month)}-${pad(day)}, ${pad(hour)}:30`
          const later = `${year}-${pad(month)}-${pad(day)}, ${pad(hour + 1)}:30`
          const laterHalf = `${year}-${pad(month)}-${pad(day)}, ${pad(hour + 1)}:00`
          expect([expected, later, laterHalf]).toContain(wall)
        },
      ),
    )
  })
})

describe('readCalendarDay and startOfDay', () => {
  it('reads date cells as YYYY-MM-DD', () => {
    expect(readCalendarDay('2026-03-31', 'mdy')).toBe('2026-03-31')
    expect(readCalendarDay('3/31/2026', 'mdy')).toBe('2026-03-31')
    expect(readCalendarDay('31.03.2026', 'dmy')).toBe('2026-03-31')
    expect(readCalendarDay('2026-02-29', 'mdy')).toBeNull()
    expect(readCalendarDay('3/31/2026 10:00', 'mdy')).toBeNull()
    expect(readCalendarDay('2026-03-31T00:00:00Z', 'mdy')).toBeNull()
    expect(readCalendarDay('', 'mdy')).toBeUndefined()
  })

  it('starts a day at local midnight', () => {
    // Tokyo is UTC+9: midnight of 1 April is 15:00 UTC on 31 March.
    expect(startOfDay('2026-04-01', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 31, 15))
    expect(instantOfLocal(Date.UTC(2026, 3, 1), 'UTC')).toBe(Date.UTC(2026, 3, 1))
  })
})
