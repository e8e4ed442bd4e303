import { tzOffset } from '@date-fns/tz'
import { DAY_MILLISECONDS, daysInMonth, epochDayOfCivil } from '../../core/calendarKernel.js'
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
  const guess = tzOffset(timeZone, new Date(local)) * 60_000
  const time = local - guess
  const actual = tzOffset(timeZone, new Date(time)) * 60_000
  return actual === guess ? time : local - actual
}

/** Wall-clock ms (as if UTC) of an ordered date with an optional time, or NaN. */
function orderedLocal(match: RegExpExecArray, order: DateOrder): number {
  const [, first, second, yearText, hourText, minuteText, secondText, meridiem] = match
  if (order === 'ymd') return Number.NaN
  const month = Number(order === 'mdy' ? first : second)
  const day = Number(order === 'mdy' ? second : first)
  const year = Number(yearText)
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  let hours = Number(hourText ?? 0)
  const minutes = Number(minuteText ?? 0)
  const seconds = Number(secondText ?? 0)
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return Number.NaN
    const pm = meridiem.toLowerCase() === 'pm'
    hours = (hours % 12) + (pm ? 12 : 0)
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return Number.NaN
  return (
    epochDayOfCivil(year, month, day) * DAY_MILLISECONDS +
    ((hours * 60 + minutes) * 60 + seconds) * 1000
  )
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
  return instantOfLocal(Date.parse(`${day}T00:00:00Z`), timeZone)
}
