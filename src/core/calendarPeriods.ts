import { TZDate, tzOffset } from '@date-fns/tz'
import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import { requireIntegerOption, requireOneOf } from './validate.js'

/**
 * Calendar periods in an explicit IANA time zone: the boundaries of the weeks, months,
 * quarters or (fiscal) years that cover a span of instants, computed once with date-fns,
 * so that rows are placed by a binary search on epoch milliseconds instead of a calendar
 * call per row. Results never depend on the host's time zone. Internal.
 */

/** The period lengths trend and cohort functions offer. */
export const CALENDAR_PERIODS = ['week', 'month', 'quarter', 'year'] as const
/** One of {@link CALENDAR_PERIODS}. */
export type CalendarPeriod = (typeof CALENDAR_PERIODS)[number]

/** How periods are laid out. */
export interface CalendarPeriodOptions {
  /** Default `'month'`. */
  readonly period?: CalendarPeriod
  /** IANA zone in which calendar days begin; default `'UTC'`. */
  readonly timeZone?: string
  /** First month (1 = January) of the fiscal year, for quarters and years; default 1. */
  readonly fiscalYearStartMonth?: number
  /** First day of the week as `Date#getDay()` (0 = Sunday); default 1 (Monday, ISO 8601). */
  readonly weekStartsOn?: number
}

/** Validated layout. */
export interface PeriodLayout {
  readonly period: CalendarPeriod
  readonly timeZone: string
  /** 0-based month index of the fiscal year start. */
  readonly fiscalStart: number
  readonly weekStartsOn: number
}

/** Consecutive periods: `starts[k]` to `starts[k + 1]` (exclusive) is period k. */
export interface PeriodGrid {
  readonly starts: readonly number[]
  readonly labels: readonly string[]
}

/** Throws `INVALID_OPTION` unless `timeZone` is an IANA zone the runtime knows. */
export function requireTimeZone(timeZone: string, metric: string): string {
  if (timeZone === 'UTC') return timeZone
  // tzOffset is NaN for a zone the runtime does not know; it reuses a cached formatter per
  // zone, where constructing Intl.DateTimeFormat on every call would cost ~70 µs.
  const valid =
    typeof timeZone === 'string' &&
    timeZone.length > 0 &&
    !Number.isNaN(tzOffset(timeZone, new Date(0)))
  if (!valid) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['timeZone'],
      message: `${metric}: option timeZone is ${describeValue(timeZone)}; it must be an IANA time zone such as 'Europe/Berlin'`,
    })
  }
  return timeZone
}

/** Checks the period options on behalf of `metric`. */
export function readPeriodLayout(options: CalendarPeriodOptions, metric: string): PeriodLayout {
  return {
    period: requireOneOf(options.period ?? 'month', CALENDAR_PERIODS, metric, 'period'),
    timeZone: requireTimeZone(options.timeZone ?? 'UTC', metric),
    fiscalStart:
      requireIntegerOption(
        options.fiscalYearStartMonth ?? 1,
        1,
        12,
        metric,
        'fiscalYearStartMonth',
      ) - 1,
    weekStartsOn: requireIntegerOption(options.weekStartsOn ?? 1, 0, 6, metric, 'weekStartsOn'),
  }
}

/** The periods from the one holding `first` to the one holding `last` (epoch ms), inclusive. */
export function periodGrid(first: number, last: number, layout: PeriodLayout): PeriodGrid {
  const starts: number[] = []
  const labels: string[] = []
  let cursor = startOfPeriod(first, layout)
  for (;;) {
    starts.push(cursor.getTime())
    labels.push(labelOf(cursor, layout))
    cursor = nextStart(cursor, layout)
    if (cursor.getTime() > last) break
  }
  starts.push(cursor.getTime())
  return { starts, labels }
}

/** Index k with `starts[k] ≤ time < starts[k + 1]`; the caller keeps time within the grid. */
export function periodIndex(starts: readonly number[], time: number): number {
  let low = 0
  let high = starts.length - 2
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if ((starts[middle] as number) <= time) low = middle
    else high = middle - 1
  }
  return low
}

function startOfPeriod(time: number, layout: PeriodLayout): TZDate {
  const local = new TZDate(time, layout.timeZone)
  const year = local.getFullYear()
  const month = local.getMonth()
  switch (layout.period) {
    case 'week': {
      const back = (local.getDay() - layout.weekStartsOn + 7) % 7
      return new TZDate(year, month, local.getDate() - back, layout.timeZone)
    }
    case 'month':
      return new TZDate(year, month, 1, layout.timeZone)
    case 'quarter':
      return new TZDate(year, month - ((month - layout.fiscalStart + 12) % 3), 1, layout.timeZone)
    case 'year':
      return new TZDate(
        month >= layout.fiscalStart ? year : year - 1,
        layout.fiscalStart,
        1,
        layout.timeZone,
      )
  }
}

function nextStart(start: TZDate, layout: PeriodLayout): TZDate {
  const year = start.getFullYear()
  const month = start.getMonth()
  switch (layout.period) {
    case 'week':
      return new TZDate(year, month, start.getDate() + 7, layout.timeZone)
    case 'month':
      return new TZDate(year, month + 1, 1, layout.timeZone)
    case 'quarter':
      return new TZDate(year, month + 3, 1, layout.timeZone)
    case 'year':
      return new TZDate(year + 1, month, 1, layout.timeZone)
  }
}

/**
 * Labels: week `'2026-03-02'` (its first day), month `'2026-03'`, quarter `'2026-Q1'`,
 * year `'2026'`. With a fiscal year not starting in January, quarters and years are named
 * by the calendar year in which the fiscal year ends: `'FY2027-Q1'`, `'FY2027'`.
 */
function labelOf(start: TZDate, layout: PeriodLayout): string {
  const year = start.getFullYear()
  const month = start.getMonth()
  const pad = (value: number) => String(value).padStart(2, '0')
  switch (layout.period) {
    case 'week':
      return `${year}-${pad(month + 1)}-${pad(start.getDate())}`
    case 'month':
      return `${year}-${pad(month + 1)}`
    case 'quarter': {
      const quarter = Math.floor(((month - layout.fiscalStart + 12) % 12) / 3) + 1
      if (layout.fiscalStart === 0) return `${year}-Q${quarter}`
      const fiscalYear = month >= layout.fiscalStart ? year + 1 : year
      return `FY${fiscalYear}-Q${quarter}`
    }
    case 'year':
      return layout.fiscalStart === 0 ? String(year) : `FY${year + 1}`
  }
}
