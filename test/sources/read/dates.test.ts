import { tzOffset } from '@date-fns/tz'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { epochDayOfText } from '../../../src/core/calendarKernel.js'
import {
  epochDayOfIso,
  instantOfLocal,
  isoInstant,
  localDay,
  orderedLocalText,
  readCalendarDay,
  readInstant,
  readInstantText,
  startOfDay,
  zoneOffset,
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

describe('isoInstant (the hand reader of the fixed ISO forms)', () => {
  it('reads each form it accepts (hand-worked)', () => {
    // 2026-03-01 is epoch day 20513 (Date.UTC(2026, 2, 1) / 86,400,000).
    expect(isoInstant('2026-03-01', 'UTC')).toBe(20_513 * 86_400_000)
    expect(isoInstant('2026-03-01T10:15', 'UTC')).toBe(Date.UTC(2026, 2, 1, 10, 15))
    expect(isoInstant('2026-03-01 10:15:30', 'UTC')).toBe(Date.UTC(2026, 2, 1, 10, 15, 30))
    // One, two, three fraction digits are 100, 120 and 123 ms; a comma is a decimal mark too.
    expect(isoInstant('2026-03-01T10:15:30.1Z', 'UTC')).toBe(Date.UTC(2026, 2, 1, 10, 15, 30, 100))
    expect(isoInstant('2026-03-01T10:15:30,12Z', 'UTC')).toBe(Date.UTC(2026, 2, 1, 10, 15, 30, 120))
    expect(isoInstant('2026-03-01T10:15:30.123z', 'UTC')).toBe(
      Date.UTC(2026, 2, 1, 10, 15, 30, 123),
    )
    // 0.1235 s rounds to 124 ms (Math.round of 123.5).
    expect(isoInstant('2026-03-01T10:15:30.1235Z', 'UTC')).toBe(
      Date.UTC(2026, 2, 1, 10, 15, 30, 124),
    )
    // Salesforce's +0000, and offsets: 10:00 at +05:30 is 04:30 UTC; at -08 it is 18:00 UTC.
    expect(isoInstant('2026-03-01T10:00:00.000+0000', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 1, 10))
    expect(isoInstant('2026-03-01T10:00:00+05:30', 'UTC')).toBe(Date.UTC(2026, 2, 1, 4, 30))
    expect(isoInstant('2026-03-01T10:00-08', 'UTC')).toBe(Date.UTC(2026, 2, 1, 18))
    // Offset-less text is wall-clock time in the zone: Tokyo is UTC+9.
    expect(isoInstant('2026-03-01T10:00:00', 'Asia/Tokyo')).toBe(Date.UTC(2026, 2, 1, 1))
    expect(isoInstant('2026-03-01', 'Asia/Tokyo')).toBe(Date.UTC(2026, 1, 28, 15))
  })

  it('leaves every other text to the general reader (NaN)', () => {
    for (const text of [
      '2026-02-29',
      '2026-13-01',
      '2026-03-01T24:00',
      '2026-03-01T10:60',
      '2026-03-01T10:00:60',
      '2026-03-01T10:00:00.Z',
      '2026-03-01T10:00:00.1234567890Z',
      '2026-03-01T10:00:00 Z',
      '2026-03-01T10:00:00+1',
      '2026-03-01T10:00:00+05:3',
      '2026-03-01T10:00:00+0560',
      '2026-03-01T10:00:00+15:00',
      '2026-03-01T10',
      '2026-03-01X10:00',
      '2026/03/01',
      '2026-3-01',
    ])
      expect(isoInstant(text, 'UTC'), text).toBeNaN()
    // A space before the offset is read by the general reader, with the same result.
    expect(readInstant('2026-03-01T10:00:00 Z', utc)).toBe(Date.UTC(2026, 2, 1, 10))
  })

  it('gives what the general pattern reader gives, for any ISO-like text (property)', () => {
    const two = (n: number) => String(n).padStart(2, '0')
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.option(
          fc.record({
            separator: fc.constantFrom('T', ' '),
            hours: fc.integer({ min: 0, max: 25 }),
            minutes: fc.integer({ min: 0, max: 61 }),
            seconds: fc.option(fc.integer({ min: 0, max: 61 })),
            fraction: fc.option(fc.stringMatching(/^[.,][0-9]{0,11}$/)),
            offset: fc.option(
              fc.constantFrom(
                'Z',
                'z',
                '+00:00',
                '-0800',
                '+05:30',
                '+14',
                '-14:01',
                '+0960',
                ' Z',
              ),
            ),
          }),
        ),
        fc.constantFrom(...zones),
        (year, month, day, time, timeZone) => {
          let text = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`
          if (time !== null) {
            text += `${time.separator}${two(time.hours)}:${two(time.minutes)}`
            if (time.seconds !== null) text += `:${two(time.seconds)}${time.fraction ?? ''}`
            text += time.offset ?? ''
          }
          const reading = { timeZone, dateOrder: 'mdy' } as const
          const fast = isoInstant(text, timeZone)
          const general = readInstantText(text, reading)
          if (!Number.isNaN(fast)) expect(fast, text).toBe(general)
          expect(readInstant(text, reading), text).toBe(general)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('zoneOffset and localDay (cached zone offsets)', () => {
  it('equals tzOffset at any instant, also in hours with a clock change (property)', () => {
    // Lord Howe changes by 30 minutes at 02:00 local (15:30 UTC), Kathmandu has a +05:45
    // offset, New York changes at 07:00 UTC in March: hours holding a change are not cached.
    const zones = ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London']
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(2045, 0, 1) }),
        fc.constantFrom(...zones),
        (time, timeZone) => {
          expect(zoneOffset(timeZone, time)).toBe(tzOffset(timeZone, new Date(time)) * 60_000)
          // The same hour asked again comes from the cache.
          expect(zoneOffset(timeZone, time + 1)).toBe(
            tzOffset(timeZone, new Date(time + 1)) * 60_000,
          )
        },
      ),
      { numRuns: 3000 },
    )
    // Around New York's spring change (2026-03-08 07:00 UTC), minute by minute.
    for (let minute = -90; minute <= 90; minute++) {
      const time = Date.UTC(2026, 2, 8, 7) + minute * 60_000
      expect(zoneOffset('America/New_York', time)).toBe(
        minute < 0 ? -5 * 3_600_000 : -4 * 3_600_000,
      )
    }
    // Lord Howe's change to summer time: 2026-10-04 02:00 local (+10:30) is 15:30 UTC on 3 October.
    expect(zoneOffset('Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 29))).toBe(10.5 * 3_600_000)
    expect(zoneOffset('Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30))).toBe(11 * 3_600_000)
  })

  it('gives the local calendar day of an instant', () => {
    // 15:00 UTC on 31 March is midnight of 1 April in Tokyo (UTC+9): epoch day 20544.
    expect(localDay(Date.UTC(2026, 2, 31, 15), 'Asia/Tokyo')).toBe(20_544)
    expect(localDay(Date.UTC(2026, 2, 31, 14, 59), 'Asia/Tokyo')).toBe(20_543)
    expect(localDay(Date.UTC(2026, 2, 31, 23, 59), 'UTC')).toBe(20_543)
    expect(localDay(-1, 'UTC')).toBe(-1)
  })
})

describe('epochDayOfIso, readCalendarDay and startOfDay on YYYY-MM-DD (hand reader)', () => {
  it('agrees with the core pattern reader and with Date.parse (property)', () => {
    const two = (n: number) => String(n).padStart(2, '0')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('-', '/', 'x'),
        (year, month, day, separator) => {
          const text = `${String(year).padStart(4, '0')}${separator}${two(month)}-${two(day)}`
          const expected = epochDayOfText(text)
          expect(epochDayOfIso(text), text).toBe(expected)
          expect(readCalendarDay(text, 'mdy'), text).toBe(Number.isNaN(expected) ? null : text)
          // Date.parse reads ISO years 0000–9999 as written (no 1900 shift).
          if (!Number.isNaN(expected))
            expect(startOfDay(text, 'UTC')).toBe(Date.parse(`${text}T00:00:00Z`))
        },
      ),
      { numRuns: 2000 },
    )
    expect(epochDayOfIso('2026-03-01')).toBe(20_513)
    expect(epochDayOfIso('2026-03-1')).toBeNaN()
    expect(epochDayOfIso('２026-03-01')).toBeNaN()
  })
})

describe('orderedLocalText (the hand reader of report date-times)', () => {
  it('reads the forms of report exports (hand-worked)', () => {
    // 1 March 2026 is epoch day 20513; 10:15:30 PM is 22:15:30.
    const day = 20_513 * 86_400_000
    expect(orderedLocalText('3/1/2026', 'mdy')).toBe(day)
    expect(orderedLocalText('03/01/2026 10:15:30 PM', 'mdy')).toBe(
      day + (22 * 3600 + 15 * 60 + 30) * 1000,
    )
    expect(orderedLocalText('3/1/2026, 12:05 am', 'mdy')).toBe(day + 5 * 60 * 1000)
    expect(orderedLocalText('01.03.2026 22:15', 'dmy')).toBe(day + (22 * 3600 + 15 * 60) * 1000)
    expect(orderedLocalText('1.3.2026 9:00AM', 'dmy')).toBe(day + 9 * 3600 * 1000)
    for (const text of [
      '3/1/26',
      '3/1/2026  10:15',
      '3/1/2026 10:15 XM',
      '3/1/2026 13:00 PM',
      '3-1-2026',
    ])
      expect(orderedLocalText(text, 'mdy'), text).toBeNaN()
  })

  it('gives what the pattern gives for any such text, in any order and zone (property)', () => {
    const piece = (min: number, max: number) =>
      fc.integer({ min, max }).chain((n) => fc.constantFrom(String(n), String(n).padStart(2, '0')))
    fc.assert(
      fc.property(
        piece(0, 13),
        piece(0, 32),
        fc.constantFrom('/', '.'),
        fc.integer({ min: 1900, max: 2100 }),
        fc.option(
          fc.record({
            comma: fc.constantFrom('', ','),
            space: fc.constantFrom(' ', '  ', '\t'),
            hours: piece(0, 24),
            minutes: fc.integer({ min: 0, max: 60 }),
            seconds: fc.option(fc.integer({ min: 0, max: 60 })),
            meridiem: fc.constantFrom('', ' AM', 'pm', ' Pm', ' XM', '  am'),
          }),
        ),
        fc.constantFrom('mdy', 'dmy', 'ymd'),
        fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin'),
        (first, second, separator, year, time, dateOrder, timeZone) => {
          let text = `${first}${separator}${second}${separator}${year}`
          if (time !== null) {
            const two = (n: number) => String(n).padStart(2, '0')
            text += `${time.comma}${time.space}${time.hours}:${two(time.minutes)}`
            if (time.seconds !== null) text += `:${two(time.seconds)}`
            text += time.meridiem
          }
          const reading = { timeZone, dateOrder } as const
          expect(readInstant(text, reading), text).toBe(readInstantText(text, reading))
        },
      ),
      { numRuns: 3000 },
    )
  })
})
