import { tzOffset } from '@date-fns/tz'
import {
  DAY_MILLISECONDS,
  daysInMonth,
  epochDayOfCivil,
  localDayOf,
} from '../../core/calendarKernel.js'
import { parseIsoInstant } from '../../schemas/fields.js'
import { isBlankCell } from './cells.js'

/**
 * Dates as vendors write them. ISO 8601 text with an offset (`2026-03-01T10:00:00.000Z`,
 * Salesforce's `2026-03-01T10:00:00.000+0000`) is that instant. Everything without an
 * offset — a date alone (`2026-03-01`, `3/1/2026`) or a local date-time as report exports
 * write it (`3/1/2026 10:15 AM`, `01.03.2026 22:15`) — is wall-clock time in the stated
 * `timeZone`, never the host's. Slashed and dotted dates are read in the stated
 * `dateOrder`, never guessed per row (`'mdy'`: 3/1/2026 is 1 March; `'dmy'`: 3 January).
 * Internal.
 */
/**
 * The orders of a slashed or dotted date for the `dateOrder` option of the sources: `'mdy'`
 * (US, `3/1/2026` is 1 March), `'dmy'` (`01.03.2026` is 1 March), `'ymd'` (ISO only).
 *
 * @example
 * ```ts
 * DATE_ORDERS // => ['ymd', 'mdy', 'dmy']
 * ```
 * @category Sources
 */
export const DATE_ORDERS = ['ymd', 'mdy', 'dmy'] as const
/**
 * One of {@link DATE_ORDERS}.
 *
 * @category Sources
 */
export type DateOrder = (typeof DATE_ORDERS)[number]

/** How a date cell is read: the zone of values without an offset, the order of d/m/y dates. */
export interface DateReading {
  readonly timeZone: string
  readonly dateOrder: DateOrder
}

const LONGEST_DATE_TEXT = 64
const HAS_OFFSET = /[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const ORDERED_DATE =
  /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/

/** The instant of wall-clock `local` (ms, read as if UTC) in `timeZone`; the earlier one when ambiguous. */
export function instantOfLocal(local: number, timeZone: string): number {
  if (timeZone === 'UTC') return local
  const guess = zoneOffset(timeZone, local)
  const time = local - guess
  const actual = zoneOffset(timeZone, time)
  return actual === guess ? time : local - actual
}

const HOUR = 3_600_000
/** Hours whose offset is cached: the cache of a zone is emptied when it grows past this. */
const CACHED_HOURS = 100_000
/** Per zone: hour number (epoch ms / 1 h) → the zone's offset in ms all through that hour. */
const offsetCache = new Map<string, Map<number, number>>()

/**
 * The offset (ms) of `timeZone` at instant `time`: `tzOffset` × 60,000, the same number,
 * looked up once per zone and UTC hour. An hour is cached only when the offset at its first
 * and its last millisecond agree — no zone changes its offset twice within one hour — so an
 * hour holding a change (also the half-hour changes of Lord Howe or the odd-minute ones of
 * local mean time) is always asked of `tzOffset` directly. Internal.
 */
export function zoneOffset(timeZone: string, time: number): number {
  if (timeZone === 'UTC') return 0
  if (!(time >= -8.64e15 && time <= 8.64e15)) return tzOffset(timeZone, new Date(time)) * 60_000
  let hours = offsetCache.get(timeZone)
  if (hours === undefined) {
    hours = new Map()
    offsetCache.set(timeZone, hours)
  }
  const hour = Math.floor(time / HOUR)
  const cached = hours.get(hour)
  if (cached !== undefined) return cached
  const first = hour * HOUR
  const start = tzOffset(timeZone, new Date(first)) * 60_000
  const end = tzOffset(timeZone, new Date(first + HOUR - 1)) * 60_000
  if (start !== end || !(first >= -8.64e15 && first + HOUR - 1 <= 8.64e15))
    return tzOffset(timeZone, new Date(time)) * 60_000
  if (hours.size >= CACHED_HOURS) hours.clear()
  hours.set(hour, start)
  return start
}

/** The local epoch day of instant `time` in `timeZone` (`localDayOf` of the core, cached offsets). */
export function localDay(time: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor(time / DAY_MILLISECONDS)
  if (!(time >= -8.64e15 && time <= 8.64e15)) return localDayOf(time, timeZone)
  return Math.floor((time + zoneOffset(timeZone, time)) / DAY_MILLISECONDS)
}

/** Wall-clock ms (as if UTC) of an ordered date with an optional time, or NaN. */
function orderedLocal(match: RegExpExecArray, order: DateOrder): number {
  const [, first, second, yearText, hourText, minuteText, secondText, meridiem] = match
  const half = meridiem === undefined ? NO_MERIDIEM : meridiem.toLowerCase() === 'pm' ? PM : AM
  return orderedLocalOf(
    Number(first),
    Number(second),
    Number(yearText),
    Number(hourText ?? 0),
    Number(minuteText ?? 0),
    Number(secondText ?? 0),
    half,
    order,
  )
}

const NO_MERIDIEM = 0
const AM = 1
const PM = 2

/** Wall-clock ms (as if UTC) of the parts of an ordered date, or NaN. */
function orderedLocalOf(
  first: number,
  second: number,
  year: number,
  hourOfText: number,
  minutes: number,
  seconds: number,
  meridiem: number,
  order: DateOrder,
): number {
  if (order === 'ymd') return Number.NaN
  const month = order === 'mdy' ? first : second
  const day = order === 'mdy' ? second : first
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  let hours = hourOfText
  if (meridiem !== NO_MERIDIEM) {
    if (hours < 1 || hours > 12) return Number.NaN
    hours = (hours % 12) + (meridiem === PM ? 12 : 0)
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN
  return (
    epochDayOfCivil(year, month, day) * DAY_MILLISECONDS +
    ((hours * 60 + minutes) * 60 + seconds) * 1000
  )
}

/**
 * Wall-clock ms (as if UTC) of trimmed text in the forms report exports write —
 * `3/1/2026`, `03/01/2026 10:15:30 AM`, `01.03.2026 22:15`, `3/1/2026, 10:15 PM`: one or two
 * digits, `/` or `.`, one or two digits, `/` or `.`, four digits, then optionally an optional
 * comma, one space, `h:mm`, `:ss`, and an optional space and AM/PM — read by hand, the same
 * number the pattern gives. `NaN` for any other text (the caller then uses the pattern).
 */
export function orderedLocalText(text: string, order: DateOrder): number {
  const length = text.length
  let index = 0
  let first = digitAt(text, index++)
  if (first < 0) return Number.NaN
  let digit = digitAt(text, index)
  if (digit >= 0) {
    first = first * 10 + digit
    index++
  }
  if (!isDateSeparator(text.charCodeAt(index++))) return Number.NaN
  let second = digitAt(text, index++)
  if (second < 0) return Number.NaN
  digit = digitAt(text, index)
  if (digit >= 0) {
    second = second * 10 + digit
    index++
  }
  if (!isDateSeparator(text.charCodeAt(index++))) return Number.NaN
  const year = digitsAt(text, index, 4)
  if (year < 0) return Number.NaN
  index += 4
  if (index === length) return orderedLocalOf(first, second, year, 0, 0, 0, NO_MERIDIEM, order)
  if (text.charCodeAt(index) === 44) index++
  if (text.charCodeAt(index++) !== 32) return Number.NaN
  let hours = digitAt(text, index++)
  if (hours < 0) return Number.NaN
  digit = digitAt(text, index)
  if (digit >= 0) {
    hours = hours * 10 + digit
    index++
  }
  if (text.charCodeAt(index++) !== 58) return Number.NaN
  const minutes = digitsAt(text, index, 2)
  if (minutes < 0) return Number.NaN
  index += 2
  let seconds = 0
  if (text.charCodeAt(index) === 58) {
    seconds = digitsAt(text, index + 1, 2)
    if (seconds < 0) return Number.NaN
    index += 3
  }
  let meridiem = NO_MERIDIEM
  if (index < length) {
    if (text.charCodeAt(index) === 32) index++
    if (index !== length - 2) return Number.NaN
    const half = text.charCodeAt(index) | 32
    if ((text.charCodeAt(index + 1) | 32) !== 109 || (half !== 97 && half !== 112))
      return Number.NaN
    meridiem = half === 112 ? PM : AM
  }
  return orderedLocalOf(first, second, year, hours, minutes, seconds, meridiem, order)
}

function isDateSeparator(code: number): boolean {
  return code === 47 || code === 46
}

/**
 * Epoch milliseconds of a date or date-time cell: `undefined` when blank, `null` when
 * unreadable. A valid `Date` is taken as it is.
 */
export function readInstant(value: unknown, reading: DateReading): number | undefined | null {
  if (isBlankCell(value)) return undefined
  if (value instanceof Date) {
    const time = value.getTime()
    return Number.isNaN(time) ? null : time
  }
  if (typeof value !== 'string' || value.length > LONGEST_DATE_TEXT * 4) return null
  const text = value.trim()
  if (text.length > LONGEST_DATE_TEXT) return null
  if (text.charCodeAt(4) === 45) {
    // `YYYY-…`: the fixed ISO forms vendors write, read by hand; anything else below.
    const time = isoInstant(text, reading.timeZone)
    if (!Number.isNaN(time)) return time
  }
  const code = text.charCodeAt(1)
  if (code === 47 || code === 46 || text.charCodeAt(2) === 47 || text.charCodeAt(2) === 46) {
    // `3/1/2026 10:15 AM`, `01.03.2026`: the report forms read by hand; anything else below.
    const local = orderedLocalText(text, reading.dateOrder)
    if (!Number.isNaN(local)) return instantOfLocal(local, reading.timeZone)
  }
  return readInstantText(text, reading)
}

/** The general reader of `readInstant` for trimmed text: patterns for every accepted form. */
export function readInstantText(text: string, reading: DateReading): number | null {
  const ordered = ORDERED_DATE.exec(text)
  if (ordered !== null) {
    const local = orderedLocal(ordered, reading.dateOrder)
    return Number.isNaN(local) ? null : instantOfLocal(local, reading.timeZone)
  }
  const iso = parseIsoInstant(text)
  if (Number.isNaN(iso)) return null
  return HAS_OFFSET.test(text) ? iso : instantOfLocal(iso, reading.timeZone)
}

/**
 * A calendar date cell as `'YYYY-MM-DD'` (`2026-03-31`, or `3/31/2026` in `'mdy'`):
 * `undefined` when blank, `null` when unreadable or not a date alone.
 */
export function readCalendarDay(value: unknown, dateOrder: DateOrder): string | undefined | null {
  if (isBlankCell(value)) return undefined
  if (typeof value !== 'string' || value.length > LONGEST_DATE_TEXT * 4) return null
  const text = value.trim()
  // `YYYY-MM-DD` by hand; text of another shape goes to the patterns.
  if (!Number.isNaN(epochDayOfIso(text))) return text
  const iso = ISO_DATE.exec(text)
  if (iso !== null) {
    const [, year, month, day] = iso
    const m = Number(month)
    return m >= 1 && m <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth(Number(year), m)
      ? text
      : null
  }
  const ordered = ORDERED_DATE.exec(text)
  if (ordered === null || ordered[4] !== undefined) return null
  const local = orderedLocal(ordered, dateOrder)
  if (Number.isNaN(local)) return null
  return new Date(local).toISOString().slice(0, 10)
}

/** Epoch milliseconds of the start of calendar day `day` (`'YYYY-MM-DD'`) in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  return instantOfLocal(epochDayOfIso(day) * DAY_MILLISECONDS, timeZone)
}

/** The epoch day of `'YYYY-MM-DD'` (ASCII digits, a real date), read by hand; `NaN` otherwise. */
export function epochDayOfIso(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return Number.NaN
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return Number.NaN
  return epochDayOfCivil(year, month, day)
}

/** The digit 0–9 at `index` of `text`, or -1. */
function digitAt(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48
  return code >= 0 && code <= 9 ? code : -1
}

/** The number of the `count` digits of `text` from `index`, or -1 when one is not a digit. */
function digitsAt(text: string, index: number, count: number): number {
  let number = 0
  for (let position = index; position < index + count; position++) {
    const digit = digitAt(text, position)
    if (digit < 0) return -1
    number = number * 10 + digit
  }
  return number
}

/**
 * The instant of trimmed ISO text in the forms `YYYY-MM-DD`, then optionally `T` or space,
 * `HH:MM`, `:SS`, `.` or `,` and 1–9 fraction digits, then optionally `Z`, `z`, `±HH`,
 * `±HHMM` or `±HH:MM` (no space before it) — the same number `readInstantText` gives for
 * these forms (offset-less text is wall-clock time in `timeZone`). `NaN` for any other text,
 * including invalid dates, which the caller hands to `readInstantText`.
 */
export function isoInstant(text: string, timeZone: string): number {
  const length = text.length
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || text.charCodeAt(7) !== 45) return Number.NaN
  if (text.charCodeAt(4) !== 45 || day > daysInMonth(year, month)) return Number.NaN
  let local = epochDayOfCivil(year, month, day) * DAY_MILLISECONDS
  if (length === 10) return instantOfLocal(local, timeZone)
  const separator = text.charCodeAt(10)
  if ((separator !== 84 && separator !== 32) || text.charCodeAt(13) !== 58) return Number.NaN
  const hours = digitsAt(text, 11, 2)
  const minutes = digitsAt(text, 14, 2)
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN
  let seconds = 0
  let milliseconds = 0
  let index = 16
  if (index < length && text.charCodeAt(index) === 58) {
    seconds = digitsAt(text, 17, 2)
    if (seconds < 0 || seconds > 59) return Number.NaN
    index = 19
    const mark = text.charCodeAt(index)
    if (index < length && (mark === 46 || mark === 44)) {
      const from = index + 1
      index = from
      while (index < length && digitAt(text, index) >= 0) index++
      const count = index - from
      if (count === 0 || count > 9) return Number.NaN
      // Up to three digits are exact milliseconds; more are rounded as the general reader does.
      milliseconds =
        count <= 3
          ? digitsAt(text, from, count) * (count === 1 ? 100 : count === 2 ? 10 : 1)
          : Math.round(Number(`0.${text.slice(from, index)}`) * 1000)
    }
  }
  local += ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds
  if (index === length) return instantOfLocal(local, timeZone)
  const sign = text.charCodeAt(index)
  if (index === length - 1 && (sign === 90 || sign === 122)) return local
  if (sign !== 43 && sign !== 45) return Number.NaN
  const offsetHours = digitsAt(text, index + 1, 2)
  let offsetMinutes = 0
  const rest = length - index - 3
  if (rest === 2) offsetMinutes = digitsAt(text, index + 3, 2)
  else if (rest === 3 && text.charCodeAt(index + 3) === 58)
    offsetMinutes = digitsAt(text, index + 4, 2)
  else if (rest !== 0) return Number.NaN
  if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) return Number.NaN
  const shift = offsetHours * 60 + offsetMinutes
  if (shift > 14 * 60) return Number.NaN
  return local - (sign === 45 ? -shift : shift) * 60_000
}
