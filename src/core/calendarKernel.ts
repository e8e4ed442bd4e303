import { tzOffset } from '@date-fns/tz'
import { type BusinessCalendar, WEEKDAYS } from './BusinessCalendar.js'
import type { CalendarDate } from './CalendarDate.js'
import { requireTimeZone } from './calendarPeriods.js'
import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * Business-calendar arithmetic on epoch days and epoch milliseconds. A calendar is compiled
 * once per call into minute ranges per weekday and a set of holiday days; wall-clock times
 * become instants through the zone offset of their day, sampled once a week (offsets change
 * at most twice a year), with the offset checked at the instant itself (`@date-fns/tz`
 * `tzOffset`) on the days around a change. Calendar dates are proleptic Gregorian by
 * arithmetic, so years 0–99 are not read as 1900–1999. Spans are limited to
 * {@link MAX_SPAN_DAYS}; whole weeks without holidays or offset changes are added at once,
 * and {@link workingTimeIndex} answers many spans from prefix sums. Internal.
 */

export const DAY_MILLISECONDS = 86_400_000
const MINUTE_MILLISECONDS = 60_000
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_PATTERN = /^(\d{2}):(\d{2})$/

/** A calendar checked and reduced to numbers. */
export interface CompiledCalendar {
  readonly timeZone: string
  /** Working minute ranges [start, end) per `Date#getDay()` weekday (0 = Sunday), sorted. */
  readonly minutes: readonly (readonly (readonly [number, number])[])[]
  /** Working minutes per weekday. */
  readonly minutesPerWeekday: readonly number[]
  /** Holiday epoch days. */
  readonly holidays: ReadonlySet<number>
}

/**
 * Epoch day (days since 1970-01-01) of a proleptic Gregorian calendar date, by arithmetic
 * (H. Hinnant's days_from_civil), so years 0–99 are not read as 1900–1999 as `Date.UTC` does.
 */
export function epochDayOfCivil(year: number, month: number, day: number): number {
  const shifted = month <= 2 ? year - 1 : year
  const era = Math.floor(shifted / 400)
  const yearOfEra = shifted - era * 400
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

/** Days in a month (1–12) of a proleptic Gregorian year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Epoch day of a `'YYYY-MM-DD'` string (years 0000–9999), or `NaN` when it is not a real date. */
export function epochDayOfText(text: string): number {
  if (typeof text !== 'string' || text.length !== 10) return Number.NaN
  const match = DATE_PATTERN.exec(text)
  if (match === null) return Number.NaN
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  return epochDayOfCivil(year, month, day)
}

/** `Date#getDay()` weekday (0 = Sunday) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7
}

/**
 * Checks and compiles a calendar on behalf of `metric` (errors at path `['calendar', …]`).
 * Anything that is not a calendar — a wrong type anywhere, a Proxy or a getter that
 * throws — is `INVALID_OPTION`, never a TypeError.
 */
export function compileCalendar(calendar: BusinessCalendar, metric: string): CompiledCalendar {
  try {
    return compileCalendarFields(calendar, metric)
  } catch (error) {
    if (error instanceof MetricInputError) throw error
    throw invalidCalendar(
      metric,
      [],
      'could not be read; it must be a plain { timeZone, week, holidays? } object',
    )
  }
}

function invalidCalendar(
  metric: string,
  path: (string | number)[],
  message: string,
): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: ['calendar', ...path],
    message: `${metric}: calendar ${message}`,
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function compileCalendarFields(calendar: BusinessCalendar, metric: string): CompiledCalendar {
  const invalid = (path: (string | number)[], message: string) =>
    invalidCalendar(metric, path, message)
  if (!isRecord(calendar)) throw invalid([], 'must be an object with timeZone and week')
  let timeZone: string
  try {
    timeZone = requireTimeZone(calendar.timeZone, metric)
  } catch {
    throw invalid(
      ['timeZone'],
      `timeZone ${describeValue(calendar.timeZone)} is not an IANA time zone`,
    )
  }
  const minutes: [number, number][][] = [[], [], [], [], [], [], []]
  const week: unknown = calendar.week ?? {}
  if (!isRecord(week))
    throw invalid(['week'], `week is ${describeValue(week)}; it must be an object of weekdays`)
  for (const name of Object.keys(week)) {
    const position = (WEEKDAYS as readonly string[]).indexOf(name)
    if (position < 0)
      throw invalid(
        ['week', name],
        `week has an unknown day ${describeValue(name)}; use monday … sunday`,
      )
    const weekday = (position + 1) % 7
    const intervals: unknown = week[name] ?? []
    if (!Array.isArray(intervals))
      throw invalid(
        ['week', name],
        `${name} is ${describeValue(intervals)}; it must be a list of { start, end }`,
      )
    const ranges: [number, number][] = []
    for (let index = 0; index < intervals.length; index++) {
      const interval: unknown = intervals[index]
      if (!isRecord(interval))
        throw invalid(
          ['week', name, index],
          `${name} interval ${index} is ${describeValue(interval)}; it must be { start, end }`,
        )
      const start = minuteOfDay(interval.start)
      const end = minuteOfDay(interval.end)
      if (Number.isNaN(start))
        throw invalid(
          ['week', name, index, 'start'],
          `${name} interval ${index} start ${describeValue(interval.start)} is not HH:MM`,
        )
      if (Number.isNaN(end))
        throw invalid(
          ['week', name, index, 'end'],
          `${name} interval ${index} end ${describeValue(interval.end)} is not HH:MM`,
        )
      if (end <= start)
        throw invalid(
          ['week', name, index, 'end'],
          `${name} interval ${index} ends (${interval.end}) before it starts (${interval.start})`,
        )
      ranges.push([start, end])
    }
    ranges.sort((a, b) => a[0] - b[0])
    for (let index = 1; index < ranges.length; index++) {
      if (ranges[index]![0] < ranges[index - 1]![1])
        throw invalid(['week', name], `${name} intervals overlap`)
    }
    minutes[weekday] = ranges
  }
  const minutesPerWeekday = minutes.map((ranges) =>
    ranges.reduce((total, [start, end]) => total + end - start, 0),
  )
  const holidays = new Set<number>()
  const holidayList: unknown = calendar.holidays ?? []
  if (!Array.isArray(holidayList))
    throw invalid(
      ['holidays'],
      `holidays is ${describeValue(holidayList)}; it must be a list of YYYY-MM-DD dates`,
    )
  for (let index = 0; index < holidayList.length; index++) {
    const text: unknown = holidayList[index]
    const day = typeof text === 'string' ? epochDayOfText(text) : Number.NaN
    if (Number.isNaN(day))
      throw invalid(['holidays', index], `holiday ${describeValue(text)} is not a YYYY-MM-DD date`)
    holidays.add(day)
  }
  return { timeZone, minutes, minutesPerWeekday, holidays }
}

function minuteOfDay(text: unknown): number {
  const match = typeof text === 'string' ? TIME_PATTERN.exec(text) : null
  if (match === null) return Number.NaN
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return Number.NaN
  return hours * 60 + minutes
}

/** The first and last instants a `Date` can hold (±8.64e15 ms). */
export const MIN_TIME = -8.64e15
export const MAX_TIME = 8.64e15

/**
 * The longest span, in local days, the business-time functions measure: 365,250 days
 * (about 1,000 years). Longer spans are refused with `VALUE_OUT_OF_RANGE`.
 */
export const MAX_SPAN_DAYS = 365_250

/** The zone offset (ms) at an instant, read at the nearest instant a `Date` can hold. */
function offsetAt(timeZone: string, time: number): number {
  const clamped = Math.max(MIN_TIME, Math.min(time, MAX_TIME))
  return tzOffset(timeZone, new Date(clamped)) * MINUTE_MILLISECONDS
}

/** The local epoch day (in the zone) of an instant. */
export function localDayOf(time: number, timeZone: string): number {
  return Math.floor((time + offsetAt(timeZone, time)) / DAY_MILLISECONDS)
}

/**
 * Zone offsets (ms) at local noon of consecutive days, sampled once a week and filled in
 * day by day only in weeks where the offset changed. `exact(day)` is true on the days next
 * to a change, whose wall-clock times are converted exactly instead.
 */
export interface OffsetTable {
  offsetOf(day: number): number
  exact(day: number): boolean
}

export function offsetTable(firstDay: number, lastDay: number, timeZone: string): OffsetTable {
  const count = lastDay - firstDay + 1
  const offsets = new Float64Array(count + 2)
  const at = (day: number) => offsetAt(timeZone, day * DAY_MILLISECONDS + 12 * 3_600_000)
  // Index i holds day firstDay - 1 + i, so neighbours of both ends exist.
  const last = count + 1
  let previous = at(firstDay - 1)
  offsets[0] = previous
  for (let start = 1; start <= last; start += 7) {
    const stop = Math.min(start + 6, last)
    const sample = at(firstDay - 1 + stop)
    if (sample === previous) {
      offsets.fill(sample, start, stop + 1)
    } else {
      for (let index = start; index <= stop; index++) offsets[index] = at(firstDay - 1 + index)
    }
    previous = sample
  }
  return {
    offsetOf: (day) => offsets[day - firstDay + 1] as number,
    exact: (day) => {
      const index = day - firstDay + 1
      const here = offsets[index] as number
      return here !== offsets[index - 1] || here !== offsets[index + 1]
    },
  }
}

/**
 * The instant of local wall-clock minute `minute` of local `day` in the zone. On the days
 * next to an offset change the offset is checked at the instant itself: an ambiguous time
 * (clocks going back) is its first occurrence, a skipped one (clocks going forward) is read
 * with the offset before the change (02:30 → 03:30 in Berlin), as JavaScript's `Date` does.
 */
export function instantOf(
  day: number,
  minute: number,
  table: OffsetTable,
  timeZone: string,
): number {
  const local = day * DAY_MILLISECONDS + minute * MINUTE_MILLISECONDS
  if (!table.exact(day)) return local - table.offsetOf(day)
  const before = table.offsetOf(day - 1)
  if (offsetAt(timeZone, local - before) === before) return local - before
  const after = table.offsetOf(day + 1)
  if (offsetAt(timeZone, local - after) === after) return local - after
  return local - before
}

/** Throws `INVALID_OPTION` for a calendar without any working minute (nothing can be scheduled). */
export function requireWorkingTime(calendar: CompiledCalendar, metric: string): void {
  if (calendar.minutesPerWeekday.every((minutes) => minutes === 0)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['calendar', 'week'],
      message: `${metric}: calendar week has no working interval on any day`,
    })
  }
}

/** Working milliseconds of a whole week without holidays or offset changes. */
export function weekMilliseconds(calendar: CompiledCalendar): number {
  let total = 0
  for (let weekday = 0; weekday < 7; weekday++) total += calendar.minutesPerWeekday[weekday]!
  return total * MINUTE_MILLISECONDS
}

/**
 * True when the seven days from `day` hold no holiday and no offset change, so their
 * working time is exactly one week's and need not be visited interval by interval.
 */
export function isPlainWeek(calendar: CompiledCalendar, table: OffsetTable, day: number): boolean {
  for (let offset = 0; offset < 7; offset++) {
    if (calendar.holidays.has(day + offset) || table.exact(day + offset)) return false
  }
  return true
}

/**
 * Working time between two instants (start ≤ end): milliseconds, or — with `perDay` —
 * business days, each working day counting the share of its working time elapsed. Whole
 * weeks without holidays or offset changes are added at once. Spans of more than
 * {@link MAX_SPAN_DAYS} local days are refused with `VALUE_OUT_OF_RANGE` at `path`.
 */
function accumulate(
  calendar: CompiledCalendar,
  start: number,
  end: number,
  perDay: boolean,
  metric: string,
  path: MetricInputPath,
): number {
  const firstDay = localDayOf(start, calendar.timeZone)
  const lastDay = localDayOf(end, calendar.timeZone)
  if (lastDay - firstDay > MAX_SPAN_DAYS) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path,
      message: `${metric}: the span from ${new Date(start).toISOString()} to ${new Date(end).toISOString()} is longer than ${MAX_SPAN_DAYS} days (about 1,000 years), the longest business-time span measured`,
    })
  }
  const table = offsetTable(firstDay, lastDay, calendar.timeZone)
  let wholeWeek = 0
  if (perDay) {
    for (let weekday = 0; weekday < 7; weekday++)
      if (calendar.minutesPerWeekday[weekday]! > 0) wholeWeek++
  } else {
    wholeWeek = weekMilliseconds(calendar)
  }
  let total = 0
  let day = firstDay
  while (day <= lastDay) {
    if (day > firstDay && day + 6 < lastDay && isPlainWeek(calendar, table, day)) {
      total += wholeWeek
      day += 7
      continue
    }
    if (!calendar.holidays.has(day)) {
      const ranges = calendar.minutes[weekdayOf(day)]!
      let overlap = 0
      let length = 0
      for (let index = 0; index < ranges.length; index++) {
        const range = ranges[index]!
        const intervalStart = instantOf(day, range[0], table, calendar.timeZone)
        const intervalEnd = instantOf(day, range[1], table, calendar.timeZone)
        const part = Math.min(intervalEnd, end) - Math.max(intervalStart, start)
        if (part > 0) overlap += part
        length += intervalEnd - intervalStart
      }
      if (!perDay) total += overlap
      else if (length > 0) total += overlap / length
    }
    day++
  }
  return total
}

/** Working milliseconds between two instants (start ≤ end); see {@link MAX_SPAN_DAYS}. */
export function workingMilliseconds(
  calendar: CompiledCalendar,
  start: number,
  end: number,
  metric = 'workingMilliseconds',
  path: MetricInputPath = [],
): number {
  return accumulate(calendar, start, end, false, metric, path)
}

/**
 * Business days between two instants (start ≤ end): for each working day, the working time
 * elapsed that day ÷ that day's working time, summed.
 */
export function workingDays(
  calendar: CompiledCalendar,
  start: number,
  end: number,
  metric = 'workingDays',
  path: MetricInputPath = [],
): number {
  return accumulate(calendar, start, end, true, metric, path)
}

/** Working time of a calendar between instants, answered in O(1) per span after indexing. */
export interface WorkingTimeIndex {
  /** Working milliseconds between two instants (start ≤ end). */
  milliseconds(start: number, end: number, metric: string, path: MetricInputPath): number
  /** Business days between two instants (start ≤ end), as {@link workingDays}. */
  days(start: number, end: number, metric: string, path: MetricInputPath): number
}

/** The most local days an index holds; spans beyond its reach are measured directly. */
const MAX_INDEX_DAYS = 4 * MAX_SPAN_DAYS

/**
 * An index for measuring many spans under one calendar (a per-row unit of lead-to-quote
 * times): prefix sums of each local day's working time over the days the spans cover, built
 * once (grown by doubling), so each span costs its two end days plus a subtraction instead
 * of a walk over its days. Gives the same milliseconds as {@link workingMilliseconds}; the
 * same business days up to floating-point addition order.
 */
export function workingTimeIndex(calendar: CompiledCalendar): WorkingTimeIndex {
  const timeZone = calendar.timeZone
  let first = 0
  let last = -1
  let table: OffsetTable | undefined
  let millisecondsBefore = new Float64Array(1)
  let daysBefore = new Float64Array(1)

  const build = (from: number, to: number) => {
    const offsets = offsetTable(from, to, timeZone)
    const count = to - from + 1
    const milliseconds = new Float64Array(count + 1)
    const days = new Float64Array(count + 1)
    for (let index = 0; index < count; index++) {
      const day = from + index
      let length = 0
      if (!calendar.holidays.has(day)) {
        const ranges = calendar.minutes[weekdayOf(day)]!
        for (let position = 0; position < ranges.length; position++) {
          const range = ranges[position]!
          length +=
            instantOf(day, range[1], offsets, timeZone) -
            instantOf(day, range[0], offsets, timeZone)
        }
      }
      milliseconds[index + 1] = milliseconds[index]! + length
      days[index + 1] = days[index]! + (length > 0 ? 1 : 0)
    }
    first = from
    last = to
    table = offsets
    millisecondsBefore = milliseconds
    daysBefore = days
  }

  /** Covers [from, to]; false when the index would grow past its bound. */
  const cover = (from: number, to: number): boolean => {
    if (table !== undefined && from >= first && to <= last) return true
    let low = from
    let high = to
    if (table !== undefined) {
      const size = last - first + 1
      low = Math.min(from, first, from < first ? first - size : first)
      high = Math.max(to, last, to > last ? last + size : last)
      if (high - low + 1 > MAX_INDEX_DAYS) {
        low = Math.min(from, first)
        high = Math.max(to, last)
      }
    }
    if (high - low + 1 > MAX_INDEX_DAYS) return false
    build(low, high)
    return true
  }

  /** Overlap of day `day`'s working intervals with [start, end], and the day's length. */
  let overlap = 0
  let length = 0
  const measureDay = (day: number, start: number, end: number) => {
    overlap = 0
    length = 0
    if (calendar.holidays.has(day)) return
    const ranges = calendar.minutes[weekdayOf(day)]!
    for (let position = 0; position < ranges.length; position++) {
      const range = ranges[position]!
      const intervalStart = instantOf(day, range[0], table as OffsetTable, timeZone)
      const intervalEnd = instantOf(day, range[1], table as OffsetTable, timeZone)
      const part = Math.min(intervalEnd, end) - Math.max(intervalStart, start)
      if (part > 0) overlap += part
      length += intervalEnd - intervalStart
    }
  }

  const measure = (
    start: number,
    end: number,
    perDay: boolean,
    metric: string,
    path: MetricInputPath,
  ): number => {
    const firstDay = localDayOf(start, timeZone)
    const lastDay = localDayOf(end, timeZone)
    if (lastDay - firstDay > MAX_SPAN_DAYS || !cover(firstDay, lastDay))
      return accumulate(calendar, start, end, perDay, metric, path)
    measureDay(firstDay, start, end)
    let total = perDay ? (length > 0 ? overlap / length : 0) : overlap
    if (lastDay === firstDay) return total
    const prefix = perDay ? daysBefore : millisecondsBefore
    total += prefix[lastDay - first]! - prefix[firstDay + 1 - first]!
    measureDay(lastDay, start, end)
    total += perDay ? (length > 0 ? overlap / length : 0) : overlap
    return total
  }

  return {
    milliseconds: (start, end, metric, path) => measure(start, end, false, metric, path),
    days: (start, end, metric, path) => measure(start, end, true, metric, path),
  }
}

/** Epoch day of a calendar date: a `'YYYY-MM-DD'` string, or a Date read in `timeZone`. Internal. */
export function readCalendarDate(
  value: CalendarDate,
  timeZone: string,
  metric: string,
  path: MetricInputPath,
): number {
  let day = Number.NaN
  if (typeof value === 'string') {
    day = epochDayOfText(value.trim())
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    day =
      timeZone === 'UTC'
        ? Math.floor(value.getTime() / DAY_MILLISECONDS)
        : localDayOf(value.getTime(), timeZone)
  }
  if (Number.isNaN(day)) {
    throw new MetricInputError({
      code: 'INVALID_DATE',
      metric,
      path,
      message: `${metric}: ${path.join('.')} is ${describeValue(value)}; it must be a 'YYYY-MM-DD' date or a valid Date`,
    })
  }
  return day
}
