import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import {
  compileCalendar,
  DAY_MILLISECONDS,
  instantOf,
  isPlainWeek,
  localDayOf,
  MAX_TIME,
  type OffsetTable,
  offsetTable,
  requireWorkingTime,
  weekdayOf,
  weekMilliseconds,
} from '../core/calendarKernel.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant, requireNonNegative } from '../core/validate.js'
import { readFailure } from './timeInputs.js'

const HOUR_MILLISECONDS = 3_600_000
const CHUNK_DAYS = 64
const MAX_DAYS = 366 * 100

/**
 * The instant at which a given amount of working time has passed after `start` — an SLA
 * deadline ("reply within 4 business hours"). Time outside working intervals does not
 * count; a deadline that fits exactly ends at the closing instant of its interval.
 *
 * ```text
 * deadline = the first instant t ≥ start with businessHoursBetween(start, t) = hours
 * ```
 * `addBusinessHours(start, 0)` is `start` itself, even outside working hours. Deadlines are
 * searched up to 36,600 days (about 100 years) ahead; whole weeks without holidays or
 * offset changes are skipped at once, and hours that not even 100 years of full weeks hold
 * are refused at once.
 *
 * @param start - An instant.
 * @param hours - Working hours to add (≥ 0, fractional allowed).
 * @param calendar - `{ timeZone, week, holidays? }` with at least one working interval.
 * @returns The deadline as a `Date`.
 * @throws MetricInputError `INVALID_DATE` (start), `NEGATIVE_VALUE` / `NOT_FINITE` (hours),
 *   `INVALID_OPTION` (calendar, or one without any working time), `VALUE_OUT_OF_RANGE` (path
 *   `['hours']`: no deadline within 100 years, e.g. a calendar of holidays only, or none
 *   before the last instant a `Date` can hold).
 * @example
 * ```ts
 * const calendar = { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }], tuesday: [{ start: '09:00', end: '17:00' }] } }
 * addBusinessHours(new Date('2026-03-02T16:30:00Z'), 1, calendar).toISOString() // => '2026-03-03T09:30:00.000Z'
 * ```
 * @see Salesforce Apex `BusinessHours.add`.
 * @category Time
 */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar): Date {
  const metric = 'addBusinessHours'
  try {
    return deadline(start, hours, calendar, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

function deadline(start: Date, hours: number, calendar: BusinessCalendar, metric: string): Date {
  const from = requireInstant(start, metric, ['start'], 'start')
  requireNonNegative(hours, metric, ['hours'], 'hours')
  const compiled = compileCalendar(calendar, metric)
  requireWorkingTime(compiled, metric)
  const tooFar = () =>
    new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: ['hours'],
      message: `${metric}: ${hours} working hours do not fit in the next 100 years of this calendar (or before the last date a Date can hold)`,
    })
  let remaining = hours * HOUR_MILLISECONDS
  if (remaining === 0) return new Date(from)
  const week = weekMilliseconds(compiled)
  if (remaining > week * (MAX_DAYS / 7 + 1)) throw tooFar()
  const firstDay = localDayOf(from, compiled.timeZone)
  // The last local day whose intervals a Date can still hold.
  const lastDay = Math.min(firstDay + MAX_DAYS, Math.floor(MAX_TIME / DAY_MILLISECONDS) - 1)
  let table: OffsetTable | undefined
  let tableEnd = Number.NEGATIVE_INFINITY
  let day = firstDay
  while (day <= lastDay) {
    if (day > tableEnd) {
      tableEnd = day + CHUNK_DAYS - 1
      table = offsetTable(day, tableEnd, compiled.timeZone)
    }
    const offsets = table as OffsetTable
    if (
      day > firstDay &&
      day + 6 <= tableEnd &&
      remaining > week &&
      isPlainWeek(compiled, offsets, day)
    ) {
      remaining -= week
      day += 7
      continue
    }
    if (!compiled.holidays.has(day)) {
      const ranges = compiled.minutes[weekdayOf(day)]!
      for (let index = 0; index < ranges.length; index++) {
        const range = ranges[index]!
        const intervalStart = instantOf(day, range[0], offsets, compiled.timeZone)
        const intervalEnd = instantOf(day, range[1], offsets, compiled.timeZone)
        const begin = Math.max(intervalStart, from)
        if (intervalEnd <= begin) continue
        if (intervalEnd - begin >= remaining) {
          const result = begin + remaining
          if (result > MAX_TIME) throw tooFar()
          return new Date(result)
        }
        remaining -= intervalEnd - begin
      }
    }
    day++
  }
  throw tooFar()
}
