import { TZDate, tzOffset } from '@date-fns/tz'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { type BusinessCalendar, WEEKDAYS } from './BusinessCalendar.js'

/**
 * Business-calendar arithmetic on epoch days and epoch milliseconds. A calendar is compiled
 * once per call into minute ranges per weekday and a set of holiday days; wall-clock times
 * become instants through the zone offset of their day, sampled once a week (offsets change
 * at most twice a year), with exact date-fns conversions on the days around a change.
 * Internal.
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

/** Epoch day of a `'YYYY-MM-DD'` string, or `NaN` when it is not a real date. */
export function epochDayOfText(text: string): number {
  const match = DATE_PATTERN.exec(text)
  if (match === null) return Number.NaN
  const [, year, month, day] = match
  const time = Date.UTC(Number(year), Number(month) - 1, Number(day))
  const check = new Date(time)
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day))
    return Number.NaN
  return time / DAY_MILLISECONDS
}

/** `Date#getDay()` weekday (0 = Sunday) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7
}

/** Checks and compiles a calendar on behalf of `metric` (errors at path `['calendar', …]`). */
export function compileCalendar(calendar: BusinessCalendar, metric: string): CompiledCalendar {
  const invalid = (path: (string | number)[], message: string) =>
    new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['calendar', ...path],
      message: `${metric}: calendar ${message}`,
    })
  if (calendar === null || typeof calendar !== 'object')
    throw invalid([], 'must be an object with timeZone and week')
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
  for (const [name, intervals] of Object.entries(calendar.week ?? {})) {
    const position = (WEEKDAYS as readonly string[]).indexOf(name)
    if (position < 0)
      throw invalid(
        ['week', name],
        `week has an unknown day ${JSON.stringify(name)}; use monday … sunday`,
      )
    const weekday = (position + 1) % 7
    const ranges = (intervals ?? []).map((interval, index) => {
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
      return [start, end] as [number, number]
    })
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
  for (const [index, text] of (calendar.holidays ?? []).entries()) {
    const day = epochDayOfText(text)
    if (Number.isNaN(day))
      throw invalid(['holidays', index], `holiday ${describeValue(text)} is not a YYYY-MM-DD date`)
    holidays.add(day)
  }
  return { timeZone, minutes, minutesPerWeekday, holidays }
}

function minuteOfDay(text: string): number {
  const match = typeof text === 'string' ? TIME_PATTERN.exec(text) : null
  if (match === null) return Number.NaN
  const hours = Number(match[1])
  const minutes = Number(match[2])
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return Number.NaN
  return hours * 60 + minutes
}

/** The local epoch day (in the zone) of an instant. */
export function localDayOf(time: number, timeZone: string): number {
  return Math.floor(
    (time + tzOffset(timeZone, new Date(time)) * MINUTE_MILLISECONDS) / DAY_MILLISECONDS,
  )
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
  const at = (day: number) =>
    tzOffset(timeZone, new Date(day * DAY_MILLISECONDS + 12 * 3_600_000)) * MINUTE_MILLISECONDS
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

/** The instant of local wall-clock minute `minute` of local `day` in the zone. */
export function instantOf(
  day: number,
  minute: number,
  table: OffsetTable,
  timeZone: string,
): number {
  if (!table.exact(day))
    return day * DAY_MILLISECONDS + minute * MINUTE_MILLISECONDS - table.offsetOf(day)
  const date = new Date(day * DAY_MILLISECONDS)
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    Math.floor(minute / 60),
    minute % 60,
    timeZone,
  ).getTime()
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

/**
 * Visits every working interval of every local day from the day of `start` to the day of
 * `end`, as instants, with the overlap with [start, end] (ms, ≥ 0). Holidays are skipped.
 */
export function forEachWorkingInterval(
  calendar: CompiledCalendar,
  start: number,
  end: number,
  visit: (day: number, intervalStart: number, intervalEnd: number, overlap: number) => void,
): void {
  const firstDay = localDayOf(start, calendar.timeZone)
  const lastDay = localDayOf(end, calendar.timeZone)
  const table = offsetTable(firstDay, lastDay, calendar.timeZone)
  for (let day = firstDay; day <= lastDay; day++) {
    if (calendar.holidays.has(day)) continue
    const ranges = calendar.minutes[weekdayOf(day)]!
    for (let index = 0; index < ranges.length; index++) {
      const [from, to] = ranges[index]!
      const intervalStart = instantOf(day, from, table, calendar.timeZone)
      const intervalEnd = instantOf(day, to, table, calendar.timeZone)
      const overlap = Math.min(intervalEnd, end) - Math.max(intervalStart, start)
      visit(day, intervalStart, intervalEnd, Math.max(0, overlap))
    }
  }
}

/** Working milliseconds between two instants (start ≤ end). */
export function workingMilliseconds(
  calendar: CompiledCalendar,
  start: number,
  end: number,
): number {
  let total = 0
  forEachWorkingInterval(calendar, start, end, (_day, _from, _to, overlap) => {
    total += overlap
  })
  return total
}

/**
 * Business days between two instants (start ≤ end): for each working day, the working time
 * elapsed that day ÷ that day's working time, summed.
 */
export function workingDays(calendar: CompiledCalendar, start: number, end: number): number {
  let total = 0
  let currentDay = Number.NaN
  let dayOverlap = 0
  let dayLength = 0
  const close = () => {
    if (dayLength > 0) total += dayOverlap / dayLength
  }
  forEachWorkingInterval(calendar, start, end, (day, from, to, overlap) => {
    if (day !== currentDay) {
      close()
      currentDay = day
      dayOverlap = 0
      dayLength = 0
    }
    dayOverlap += overlap
    dayLength += to - from
  })
  close()
  return total
}
