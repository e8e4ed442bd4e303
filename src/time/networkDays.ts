import type { CalendarDate } from '../core/CalendarDate.js'
import { readCalendarDate, weekdayOf } from '../core/calendarKernel.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { readFailure, requireList, requireOptions } from './timeInputs.js'

export type { CalendarDate }

/**
 * Options of {@link networkDays}.
 *
 * @category Time
 */
export interface NetworkDaysOptions {
  /** Days off; duplicates and days already in the weekend count once. */
  readonly holidays?: readonly CalendarDate[]
  /**
   * Weekend days as `Date#getDay()` numbers (0 = Sunday), default `[6, 0]`; or Excel's
   * 7-character mask, Monday first, `'1'` = weekend (`'0000011'`).
   */
  readonly weekend?: readonly number[] | string
  /** Zone in which `Date` arguments are read as calendar dates; default `'UTC'`. */
  readonly timeZone?: string
}

/**
 * Working days between two calendar dates, counting both ends — Excel's
 * `NETWORKDAYS.INTL` exactly: negative when the end precedes the start, a holiday that falls
 * on a weekend is not subtracted twice, duplicate holidays count once.
 *
 * ```text
 * networkDays(s, e) = #{ d : s ≤ d ≤ e, weekday(d) ∉ weekend, d ∉ holidays }      (s ≤ e)
 *                   = −networkDays(e, s)                                          (s > e)
 * (numpy: busday_count(s, e + 1 day))
 * ```
 * O(1) in the span (whole weeks are counted, not walked) plus one pass over the holidays.
 * Dates are proleptic Gregorian; `'YYYY-MM-DD'` years 0000–9999 are read as written (year
 * `0050` is 50, not 1950).
 *
 * @param start - First day: `'YYYY-MM-DD'` or a `Date` (read in `timeZone`).
 * @param end - Last day, likewise.
 * @param options - `holidays`, `weekend` (`[6, 0]`), `timeZone` (`'UTC'`).
 * @returns Working days, an integer (negative when `end` < `start`).
 * @throws MetricInputError `INVALID_DATE` (path `['start']`, `['end']`, `['holidays', i]`),
 *   `INVALID_OPTION` (weekend, timeZone, holidays not an array, options not an object).
 * @example
 * ```ts
 * networkDays('2012-10-01', '2013-03-01') // => 110
 * networkDays('2012-10-01', '2013-03-01', { holidays: ['2012-11-22', '2012-12-04', '2013-01-21'] }) // => 107
 * ```
 * @see support.microsoft.com — NETWORKDAYS and NETWORKDAYS.INTL functions; numpy `busday_count`.
 * @category Time
 */
export function networkDays(
  start: CalendarDate,
  end: CalendarDate,
  options: NetworkDaysOptions = {},
): number {
  const metric = 'networkDays'
  try {
    return countNetworkDays(start, end, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

const NO_HOLIDAYS: ReadonlySet<number> = new Set()
/** The default weekend as `Date#getDay()` flags: Saturday and Sunday. */
const SATURDAY_SUNDAY: readonly boolean[] = Object.freeze([
  true,
  false,
  false,
  false,
  false,
  false,
  true,
])

function countNetworkDays(
  start: CalendarDate,
  end: CalendarDate,
  options: NetworkDaysOptions,
  metric: string,
): number {
  requireOptions(options, metric)
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', metric)
  const weekend = readWeekend(options.weekend, metric)
  const first = readCalendarDate(start, timeZone, metric, ['start'])
  const last = readCalendarDate(end, timeZone, metric, ['end'])
  const holidayList = options.holidays
  let holidays: ReadonlySet<number> = NO_HOLIDAYS
  if (holidayList !== undefined) {
    requireList(holidayList, metric, ['holidays'], 'INVALID_OPTION')
    const days = new Set<number>()
    for (let index = 0; index < holidayList.length; index++) {
      days.add(readCalendarDate(holidayList[index]!, timeZone, metric, ['holidays', index]))
    }
    holidays = days
  }
  if (last < first) return -countWorkingDays(last, first, weekend, holidays)
  return countWorkingDays(first, last, weekend, holidays)
}

/** Working days in [first, last] (epoch days, first ≤ last). Internal. */
export function countWorkingDays(
  first: number,
  last: number,
  weekend: readonly boolean[],
  holidays: ReadonlySet<number>,
): number {
  const span = last - first + 1
  const weeks = Math.floor(span / 7)
  let workingPerWeek = 0
  for (let weekday = 0; weekday < 7; weekday++) if (!weekend[weekday]) workingPerWeek++
  let count = weeks * workingPerWeek
  for (let day = first + weeks * 7; day <= last; day++) if (!weekend[weekdayOf(day)]) count++
  for (const holiday of holidays) {
    if (holiday >= first && holiday <= last && !weekend[weekdayOf(holiday)]) count--
  }
  return count
}

/** The weekend as a `Date#getDay()`-indexed flag list. Internal. */
export function readWeekend(
  weekend: readonly number[] | string | undefined,
  metric: string,
): readonly boolean[] {
  if (weekend === undefined) return SATURDAY_SUNDAY
  const refuse = () =>
    new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['weekend'],
      message: `${metric}: option weekend is ${describeValue(weekend)}; give weekday numbers 0–6 (0 = Sunday) or a 7-character mask like '0000011', with at least one working day`,
    })
  const result = [false, false, false, false, false, false, false]
  if (typeof weekend === 'string') {
    if (!/^[01]{7}$/.test(weekend)) throw refuse()
    // Excel's mask starts on Monday.
    for (let position = 0; position < 7; position++)
      result[(position + 1) % 7] = weekend[position] === '1'
  } else {
    if (!Array.isArray(weekend)) throw refuse()
    for (const day of weekend as readonly number[]) {
      if (!(Number.isInteger(day) && day >= 0 && day <= 6)) throw refuse()
      result[day] = true
    }
  }
  if (result.every(Boolean)) throw refuse()
  return result
}
