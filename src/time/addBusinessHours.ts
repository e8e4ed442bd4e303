import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant, requireNonNegative } from '../core/validate.js'
import type { BusinessCalendar } from './BusinessCalendar.js'
import {
  compileCalendar,
  instantOf,
  localDayOf,
  offsetTable,
  requireWorkingTime,
  weekdayOf,
} from './calendarKernel.js'

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
 * `addBusinessHours(start, 0)` is `start` itself, even outside working hours.
 *
 * @param start - An instant.
 * @param hours - Working hours to add (≥ 0, fractional allowed).
 * @param calendar - `{ timeZone, week, holidays? }` with at least one working interval.
 * @returns The deadline as a `Date`.
 * @throws MetricInputError `INVALID_DATE` (start), `NEGATIVE_VALUE` / `NOT_FINITE` (hours),
 *   `INVALID_OPTION` (calendar, or one without any working time), `VALUE_OUT_OF_RANGE` (no
 *   deadline within 100 years, e.g. a calendar of holidays only).
 * @example
 * ```ts
 * const calendar = { timeZone: 'UTC', week: { monday: [{ start: '09:00', end: '17:00' }], tuesday: [{ start: '09:00', end: '17:00' }] } }
 * addBusinessHours(new Date('2026-03-02T16:30:00Z'), 1, calendar).toISOString() // => '2026-03-03T09:30:00.000Z'
 * ```
 * @see Salesforce Apex `BusinessHours.add`.
 */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar): Date {
  const metric = 'addBusinessHours'
  const from = requireInstant(start, metric, ['start'], 'start')
  requireNonNegative(hours, metric, ['hours'], 'hours')
  const compiled = compileCalendar(calendar, metric)
  requireWorkingTime(compiled, metric)
  let remaining = hours * HOUR_MILLISECONDS
  if (remaining === 0) return new Date(from)
  const firstDay = localDayOf(from, compiled.timeZone)
  for (let chunk = firstDay; chunk < firstDay + MAX_DAYS; chunk += CHUNK_DAYS) {
    const table = offsetTable(chunk, chunk + CHUNK_DAYS - 1, compiled.timeZone)
    for (let day = chunk; day < chunk + CHUNK_DAYS; day++) {
      if (compiled.holidays.has(day)) continue
      for (const [open, close] of compiled.minutes[weekdayOf(day)]!) {
        const intervalStart = instantOf(day, open, table, compiled.timeZone)
        const intervalEnd = instantOf(day, close, table, compiled.timeZone)
        const begin = Math.max(intervalStart, from)
        if (intervalEnd <= begin) continue
        if (intervalEnd - begin >= remaining) return new Date(begin + remaining)
        remaining -= intervalEnd - begin
      }
    }
  }
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: ['hours'],
    message: `${metric}: ${hours} working hours do not fit in the next 100 years of this calendar`,
  })
}
