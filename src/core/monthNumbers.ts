import { TZDate } from '@date-fns/tz'
import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'

/**
 * Month numbers (year × 12 + month index, January 0) for the monthly functions (retention
 * series and windows, account growth): reading a row's month and a `'YYYY-MM'` option, and the
 * label of a month. Internal.
 */

const MONTH_PATTERN = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** The month number (year × 12 + month index) of a row's `month`. */
export function readMonth(
  value: unknown,
  index: number,
  timeZone: string,
  metric: string,
  monthOfText: Map<string, number>,
  monthOfInstant?: Map<number, number>,
): number {
  if (typeof value === 'string') {
    const known = monthOfText.get(value)
    if (known !== undefined) return known
    const match = MONTH_PATTERN.exec(value)
    const year = match === null ? 0 : Number(match[1])
    const month = match === null ? 0 : Number(match[2])
    const day = match === null || match[3] === undefined ? 1 : Number(match[3])
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    const valid =
      match !== null &&
      year >= 1000 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= (month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number))
    if (!valid) throw badMonth(value, index, metric)
    const number = year * 12 + month - 1
    monthOfText.set(value, number)
    return number
  }
  const time = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(time)) throw badMonth(value, index, metric)
  const known = monthOfInstant?.get(time)
  if (known !== undefined) return known
  const local = new TZDate(time, timeZone)
  const year = local.getFullYear()
  if (!(year >= 1000 && year <= 9999)) throw badMonth(value, index, metric)
  const number = year * 12 + local.getMonth()
  monthOfInstant?.set(time, number)
  return number
}

function badMonth(value: unknown, index: number, metric: string): MetricInputError {
  return new MetricInputError({
    code: 'INVALID_DATE',
    metric,
    path: [index, 'month'],
    message: `${metric}: month at index ${index} is ${describeValue(value)}; it must be 'YYYY-MM', a date 'YYYY-MM-DD' or a valid Date, in the years 1000 to 9999`,
  })
}

/** `'2026-03'` for a month number. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12)
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`
}

/** Reads `'YYYY-MM'` as a month number; `INVALID_OPTION` at `[option]` otherwise. */
export function readMonthOption(value: unknown, option: string, metric: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null
  const month = match === null ? 0 : Number(match[2])
  if (match === null || month < 1 || month > 12 || Number(match[1]) < 1000) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [option],
      message: `${metric}: option ${option} is ${describeValue(value)}; it must be a month 'YYYY-MM'`,
    })
  }
  return Number(match[1]) * 12 + month - 1
}
