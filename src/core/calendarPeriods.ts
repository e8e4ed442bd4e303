import { TZDate, tz, tzOffset } from '@date-fns/tz'
import { addMonths, addWeeks, type Day, startOfMonth, startOfWeek, subMonths } from 'date-fns'
import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import { readOptions, requireIntegerOption, requireOneOf } from './validate.js'

/**
 * Calendar periods in an explicit IANA time zone: the boundaries of the weeks, months,
 * quarters or (fiscal) years that cover a span of instants, computed once per period with
 * date-fns v4 (`startOfWeek`, `startOfMonth`, `addWeeks`, `addMonths`, `subMonths` with
 * `{ in: tz(timeZone) }`), so that rows are placed by a binary search on epoch milliseconds
 * instead of a calendar call per row (date-fns per row costs 130–300× a loop). Results
 * never depend on the host's time zone. Internal.
 */

/**
 * The period lengths trend and cohort functions offer.
 *
 * @category Core
 */
export const CALENDAR_PERIODS = ['week', 'month', 'quarter', 'year'] as const
/**
 * One of {@link CALENDAR_PERIODS}.
 *
 * @category Core
 */
export type CalendarPeriod = (typeof CALENDAR_PERIODS)[number]

/**
 * How periods are laid out.
 *
 * @category Core
 */
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
  /** The exported function the layout is read for, named in errors. */
  readonly metric: string
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
  options = readOptions(options, metric)
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
    metric,
  }
}

/**
 * The most periods one call lays out: 5,000 weeks are 96 years, 5,000 months 416 years. A
 * span that needs more is refused (`VALUE_OUT_OF_RANGE`) before any period is computed, so
 * no input — an instant at the end of the `Date` range, a span of 270,000 years — makes
 * the loop long: a period costs 50–130 µs of zone arithmetic (three `TZDate`s), so the
 * largest grid takes at most about 0.6 s.
 */
export const MAX_PERIODS = 5_000

/** The shortest length of each period in ms (a week that loses a daylight-saving hour, …). */
const SHORTEST_PERIOD: Readonly<Record<CalendarPeriod, number>> = {
  week: 7 * 86_400_000 - 3_600_000,
  month: 28 * 86_400_000 - 3_600_000,
  quarter: 89 * 86_400_000 - 3_600_000,
  year: 365 * 86_400_000 - 3_600_000,
}

/** Months one step of each period moves (weeks step by days instead). */
const MONTHS_PER_STEP = { month: 1, quarter: 3, year: 12 } as const

/**
 * The periods from the one holding `first` to the one holding `last` (epoch ms), inclusive.
 * Throws `VALUE_OUT_OF_RANGE` (on behalf of `layout.metric`) when that takes more than
 * {@link MAX_PERIODS} periods, or when a boundary falls outside the `Date` range.
 */
export function periodGrid(first: number, last: number, layout: PeriodLayout): PeriodGrid {
  const metric = layout.metric
  if (!(Number.isFinite(first) && Number.isFinite(last) && first <= last)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      message: `${metric}: the span from ${describeValue(first)} to ${describeValue(last)} is not an interval of valid instants`,
    })
  }
  const estimate = Math.floor((last - first) / SHORTEST_PERIOD[layout.period]) + 2
  if (estimate > MAX_PERIODS) throw tooManyPeriods(first, last, layout)
  const starts: number[] = []
  const labels: string[] = []
  let wall = startOfPeriod(wallDate(first, layout.timeZone), layout)
  for (;;) {
    const time = instantOf(wall, layout.timeZone)
    if (Number.isNaN(time)) throw outsideDateRange(first, last, layout)
    starts.push(time)
    if (time > last) break
    if (starts.length > MAX_PERIODS) throw tooManyPeriods(first, last, layout)
    labels.push(labelOf(wall, layout))
    wall = nextStart(wall, layout)
  }
  if ((starts[0] as number) > first) throw outsideDateRange(first, last, layout)
  return { starts, labels }
}

function tooManyPeriods(first: number, last: number, layout: PeriodLayout): MetricInputError {
  const { metric, period } = layout
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    message: `${metric}: the instants span ${new Date(first).toISOString()} to ${new Date(last).toISOString()}, more than ${MAX_PERIODS} ${period}s; split the data or choose a longer period`,
  })
}

function outsideDateRange(first: number, last: number, layout: PeriodLayout): MetricInputError {
  const { metric, period } = layout
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    message: `${metric}: a ${period} holding ${new Date(first).toISOString()} or ${new Date(last).toISOString()} begins or ends outside the Date range (±8.64e15 ms)`,
  })
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

/**
 * Calendar arithmetic runs on wall-clock dates: the local calendar date of an instant held
 * as a UTC date, so date-fns steps days and months with no daylight-saving or historical
 * offset in the way. Only {@link instantOf} maps a wall date back to the instant of its
 * local midnight (`TZDate(y, m, d, zone)`, which resolves a midnight lost to a
 * daylight-saving change to the first instant of that day). date-fns v4 computing directly
 * `in: tz(zone)` drifts by the seconds of a local-mean-time offset (Asia/Tehran before
 * 1946) and by half an hour in Australia/Lord_Howe, so it is not used that way.
 */
const UTC = { in: tz('UTC') } as const

/** The local calendar date of `time` in `timeZone`, as a UTC wall date at midnight. */
function wallDate(time: number, timeZone: string): TZDate {
  const local = new TZDate(time, timeZone)
  return new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 'UTC')
}

/** The instant at which the wall date `wall` begins in `timeZone`. */
function instantOf(wall: TZDate, timeZone: string): number {
  const time = wall.getTime()
  if (Number.isNaN(time) || timeZone === 'UTC') return time
  return new TZDate(wall.getFullYear(), wall.getMonth(), wall.getDate(), timeZone).getTime()
}

/** The wall date on which the period holding `wall` begins: date-fns `startOf…`. */
function startOfPeriod(wall: TZDate, layout: PeriodLayout): TZDate {
  if (layout.period === 'week') {
    return startOfWeek(wall, { ...UTC, weekStartsOn: layout.weekStartsOn as Day })
  }
  const month = startOfMonth(wall, UTC)
  if (layout.period === 'month') return month
  // Fiscal quarters and years begin in the months fiscalStart, fiscalStart + 3, …
  const span = layout.period === 'quarter' ? 3 : 12
  const back = (month.getMonth() - layout.fiscalStart + 12) % span
  return back === 0 ? month : subMonths(month, back, UTC)
}

/** The wall date on which the next period begins: date-fns `addWeeks` / `addMonths`. */
function nextStart(start: TZDate, layout: PeriodLayout): TZDate {
  if (layout.period === 'week') return addWeeks(start, 1, UTC)
  return addMonths(start, MONTHS_PER_STEP[layout.period], UTC)
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
