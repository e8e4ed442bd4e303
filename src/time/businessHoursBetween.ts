import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import { compileCalendar, workingMilliseconds } from '../core/calendarKernel.js'
import { requireInstant } from '../core/validate.js'
import { readFailure } from './timeInputs.js'

const HOUR_MILLISECONDS = 3_600_000

/**
 * Working hours between two instants under a business calendar — the clock of an SLA:
 * it runs only inside working intervals, stops on weekends, holidays and lunch breaks, and
 * counts a daylight-saving day's real 23 or 25 hours where an interval spans the change.
 *
 * ```text
 * hours = Σ over working intervals I (as instants in the calendar's zone) of |I ∩ [start, end]| / 1 h
 * negative when end < start (as networkDays)
 * ```
 * A lead created at 16:30 with a 1-hour target on a 09:00–17:00 calendar has used 0.5 hours
 * at 17:30 and reaches its hour at 09:30 next working day. Cost grows with the weeks spanned
 * (offsets are sampled once a week; a whole week without holidays or offset changes is
 * added at once), not with minutes. Spans of more than 365,250 days (about 1,000 years)
 * are refused.
 *
 * @param start - An instant.
 * @param end - An instant.
 * @param calendar - `{ timeZone, week, holidays? }`.
 * @returns Working hours (fractional; negative when `end` < `start`).
 * @throws MetricInputError `INVALID_DATE` (path `['start']` / `['end']`), `INVALID_OPTION`
 *   (a calendar with a bad zone, interval or holiday, path `['calendar', …]`),
 *   `VALUE_OUT_OF_RANGE` (path `['end']`: a span longer than 365,250 days).
 * @example
 * ```ts
 * const calendar = { timeZone: 'Europe/Berlin', week: { monday: [{ start: '09:00', end: '17:00' }] } }
 * businessHoursBetween(new Date('2026-03-02T15:30:00Z'), new Date('2026-03-09T09:00:00Z'), calendar) // => 1.5
 * ```
 * @see Salesforce Apex `BusinessHours.diff`; edmozley/freeitsm SLA management (clock pauses outside hours).
 * @category Time
 */
export function businessHoursBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
  const metric = 'businessHoursBetween'
  try {
    return hoursBetween(start, end, calendar, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

function hoursBetween(start: Date, end: Date, calendar: BusinessCalendar, metric: string): number {
  const from = requireInstant(start, metric, ['start'], 'start')
  const to = requireInstant(end, metric, ['end'], 'end')
  const compiled = compileCalendar(calendar, metric)
  if (to < from)
    return -workingMilliseconds(compiled, to, from, metric, ['end']) / HOUR_MILLISECONDS
  return workingMilliseconds(compiled, from, to, metric, ['end']) / HOUR_MILLISECONDS
}
