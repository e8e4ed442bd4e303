import type { Decimal } from 'decimal.js'
import { type CurrencyConversionOptions, resultCurrency } from '../core/currencyConversion.js'
import type { GroupMetricPeriod, GroupMetricRow } from '../core/groupMetric.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { moneySumValue } from '../core/moneySum.js'
import type {
  ForecastActual,
  ForecastCategory,
  ForecastSubmission,
} from '../records/ForecastSubmission.js'
import {
  biasOf,
  finished,
  guardInput,
  runningTrackingSignal,
  scanSeries,
  weightedPercentageOf,
} from './forecastKernel.js'
import {
  bookActuals,
  type ForecastAccuracyGrouping,
  type GroupCell,
  type GroupedCells,
  groupCells,
  numberOf,
  type Period,
  type PeriodOptions,
  type PeriodTable,
  periodLabel,
  readCalls,
  readPeriodOptions,
} from './forecastPeriodKernel.js'

export {
  FORECAST_ACCURACY_GROUPINGS,
  type ForecastAccuracyGrouping,
} from './forecastPeriodKernel.js'

/**
 * Options of {@link forecastAccuracyByPeriod}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyByPeriodOptions extends CurrencyConversionOptions {
  /** Which call is judged; default `'commit'`. */
  readonly category?: ForecastCategory
  /** Judge the latest call made at least this many days (24 h each) before the period ends; default 0. */
  readonly leadTimeDays?: number
  /** `'owner'` (default), `'team'` (needs `teamOf`) or `'none'` (the whole company); see {@link FORECAST_ACCURACY_GROUPINGS}. */
  readonly groupBy?: ForecastAccuracyGrouping
  /** The team of an owner, for `groupBy: 'team'` (called once per owner; a non-empty string). */
  readonly teamOf?: (ownerId: string) => string
  /** Zone in which period dates begin and end; default `'UTC'`. */
  readonly timeZone?: string
  /** Hit tolerance as a fraction of the actual; default 0.1. */
  readonly tolerance?: number
}

/**
 * One group's call against its bookings in one period: the `result` of a
 * {@link ForecastAccuracyByPeriodRow}.
 *
 * @category Forecast
 */
export interface ForecastPeriodAccuracy {
  /** Sum of the judged calls; `null` when no owner of the group had one in time. */
  readonly forecast: Decimal | null
  /** Closed-won bookings dated in the period (in `timeZone`). */
  readonly actual: Decimal
  /** When the latest judged call was made. */
  readonly submittedAt: Date | null
  /** 1 − |A − F| / |A|; `null` without a forecast or with A = 0. */
  readonly accuracy: number | null
  /** (F − A) / |A|, over-forecast positive; `null` likewise. */
  readonly bias: number | null
  /** |F − A| ≤ tolerance·|A|; `null` without a forecast. */
  readonly hit: boolean | null
}

/**
 * One group in one period, in the row shape of `groupMetric` (`{ group, period, result, n }`)
 * with the result's fields also flat on the row.
 *
 * @category Forecast
 */
export interface ForecastAccuracyByPeriodRow
  extends GroupMetricRow<ForecastPeriodAccuracy, string>,
    ForecastPeriodAccuracy {
  /** The owner or team; `null` with `groupBy: 'none'` (the whole company; `'all'` in 0.1). */
  readonly group: string | null
  /**
   * The period as submitted, placed in `timeZone`: `start` = midnight of its first day,
   * `end` = midnight after its last day (exclusive), `label` = `'2026-03'`, `'2026-Q1'`,
   * `'2026'` for whole calendar months, quarters and years, else the ISO 8601 interval of
   * its dates `'2026-01-05/2026-02-01'`.
   */
  readonly period: GroupMetricPeriod
  /** Bookings counted in the row. */
  readonly n: number
  /**
   * The period's first day as submitted.
   *
   * @deprecated Read `period.start` (the same instant in UTC; midnight in `timeZone` otherwise).
   */
  readonly periodStart: Date
  /**
   * The period's last day as submitted (inclusive).
   *
   * @deprecated Read `period.end`, which is exclusive: the midnight after this day in `timeZone`.
   */
  readonly periodEnd: Date
}

/**
 * A row of {@link forecastAccuracyByPeriod} under its 0.1 name.
 *
 * @deprecated Use {@link ForecastAccuracyByPeriodRow}.
 * @category Forecast
 */
export type ForecastPeriodRow = ForecastAccuracyByPeriodRow

/**
 * A group's forecast quality over all its periods with a forecast: the `result` of a
 * {@link ForecastGroupSummary}.
 *
 * @category Forecast
 */
export interface ForecastGroupAccuracy {
  /** Periods with a judged forecast. */
  readonly periods: number
  /**
   * Periods with bookings or a call of the category but no call in time — a late call with
   * no bookings included (left out of the metrics; each has a row with `forecast: null`).
   */
  readonly missingForecasts: number
  /** 1 − WAPE over the periods. */
  readonly accuracy: number | null
  readonly bias: number | null
  readonly hitRate: number | null
  /**
   * Tracking signal Σ(F − A) / MAD after each judged period, in time order (over-forecast
   * positive; > 4 or < −4: biased).
   */
  readonly trackingSignal: (number | null)[]
}

/**
 * A group's forecast quality over all its periods, in the row shape of `groupMetric`
 * (`period: null`), with the result's fields also flat.
 *
 * @category Forecast
 */
export interface ForecastGroupSummary
  extends GroupMetricRow<ForecastGroupAccuracy, string>,
    ForecastGroupAccuracy {
  /** The owner or team; `null` with `groupBy: 'none'`. */
  readonly group: string | null
  readonly period: null
  /** Bookings counted over the group's rows. */
  readonly n: number
}

/**
 * The result of {@link forecastAccuracyByPeriod}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyByPeriodResult {
  readonly rows: ForecastAccuracyByPeriodRow[]
  readonly groups: ForecastGroupSummary[]
  /** Currency of every amount (the base with `rates`), `null` if no record named one. */
  readonly currency: string | null
}

/**
 * How good the sales forecast calls were: for each owner (team, or company) and period,
 * the latest call of a category made at least `leadTimeDays` before the period ended,
 * against the closed-won bookings of the period — with accuracy, bias, hit rate and the
 * tracking signal per group. This is the "forecast accuracy and predictability" KPI a
 * sales leader is judged on, computed without hindsight: calls made after the deadline
 * are ignored. Rows are in `groupMetric`'s shape `{ group, period, result, n }`; the periods
 * are those of the calls (submit quarterly calls for accuracy per quarter), so accuracy per
 * owner, team or company and quarter is one call: `groupBy: 'owner'`, `'team'` with
 * `teamOf`, or `'none'` (group `null`).
 *
 * ```text
 * deadline(p) = end of p's last day (in timeZone) − leadTimeDays
 * F(g, p) = Σ_{owners of g} amount of their latest call with submittedAt ≤ deadline(p)
 * A(g, p) = Σ bookings of g's owners dated within p
 * per group: accuracy = 1 − WAPE, bias = Σ(F − A)/Σ|A|, hit rate (±tolerance), tracking signal
 * ```
 * A period with bookings, or with a call that came too late, but no call in time is a
 * missing forecast: it gets a row (`forecast: null`) and is left out of the metrics.
 * Amounts must share one currency (`CURRENCY_MISMATCH`; a record without one conflicts
 * with none) unless `rates` and `baseCurrency` convert them. Linear in the input: periods
 * are found by binary search, sums are exact scaled integers, no `Decimal` per record.
 *
 * @param submissions - Forecast calls (all categories; one is judged).
 * @param actuals - Closed-won bookings (see `actualsFromOpportunities`).
 * @param options - `category`, `leadTimeDays`, `groupBy`, `teamOf`, `timeZone`, `tolerance`,
 *   `rates` / `baseCurrency`.
 * @returns `{ rows, groups, currency }`. `rows`: `{ group, period: { start, end, label }, result,
 *   n }` (n = bookings in the row; the result's fields also flat; `periodStart`/`periodEnd`
 *   the submitted dates, deprecated) ordered by group name (`null` last), then period start;
 *   `groups`: one summary per group in the same shape with `period: null`.
 * @throws MetricInputError with a path into `submissions`, `actuals` or the options:
 *   `MISSING_VALUE` (ownerId, a record), `INVALID_DATE`, `END_BEFORE_START` (periodEnd before
 *   periodStart), `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `VALUE_OUT_OF_RANGE` (category,
 *   currency, a total beyond double range), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `INVALID_OPTION` (every bad option value, `teamOf` returning no team), `INVALID_RECORD`
 *   (reading a record or calling `teamOf` threw, path `['teamOf']`).
 * @example
 * ```ts
 * const q1 = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-03-31') }
 * const result = forecastAccuracyByPeriod(
 *   [
 *     { ownerId: 'ana', ...q1, category: 'commit', amount: 100, submittedAt: new Date('2026-02-01') },
 *     { ownerId: 'ana', ...q1, category: 'commit', amount: 150, submittedAt: new Date('2026-03-30') },
 *   ],
 *   [{ ownerId: 'ana', at: new Date('2026-03-15'), amount: 120 }],
 *   { leadTimeDays: 30 },
 * )
 * result.rows[0].forecast?.toString() // => '100' (the call made by 1 March)
 * result.rows[0].period.label // => '2026-Q1'
 * result.groups[0].accuracy // => 0.8333333333333334
 * ```
 * @see docs/metric-definitions.md §4.1 and §4.6; Salesforce Trailhead — track sales forecast performance.
 * @category Forecast
 */
export function forecastAccuracyByPeriod(
  submissions: readonly ForecastSubmission[],
  actuals: readonly ForecastActual[],
  options: ForecastAccuracyByPeriodOptions = {},
): ForecastAccuracyByPeriodResult {
  const metric = 'forecastAccuracyByPeriod'
  return guardInput(metric, () => {
    const checked = readPeriodOptions(options, metric)
    const table = readCalls(submissions, checked)
    bookActuals(table, actuals, checked)
    const groups = groupCells(table, checked)
    return { ...summarize(table, groups, checked), currency: resultCurrency(checked.converter) }
  })
}

/** Step 5: the rows of each group in period order, and each group's summary. */
function summarize(
  table: PeriodTable,
  grouped: GroupedCells,
  options: PeriodOptions,
): Pick<ForecastAccuracyByPeriodResult, 'rows' | 'groups'> {
  const { metric, tolerance } = options
  const { keys, ordered } = grouped
  // Each period's row field, built once and shared by the rows of that period.
  const periods: GroupMetricPeriod[] = table.periods.map((period) => ({
    start: new Date(period.start),
    end: new Date(period.end),
    label: periodLabel(period.first, period.last),
  }))
  const rows: ForecastAccuracyByPeriodRow[] = []
  const summaries: ForecastGroupSummary[] = []
  let position = 0
  while (position < ordered.length) {
    const code = (ordered[position] as GroupCell).group
    const group = keys[code] as string | null
    const actualSeries: number[] = []
    const forecastSeries: number[] = []
    let missing = 0
    let hits = 0
    let bookings = 0
    for (; position < ordered.length; position++) {
      const cell = ordered[position] as GroupCell
      if (cell.group !== code) break
      const period = table.periods[cell.period] as Period
      const actual = moneySumValue(cell.booked)
      const a = requireFiniteAmount(numberOf(cell.booked, actual), metric, 'actuals')
      let forecast: Decimal | null = null
      let f: number | null = null
      if (cell.call === null) {
        missing++
      } else {
        forecast = moneySumValue(cell.call)
        f = requireFiniteAmount(numberOf(cell.call, forecast), metric, 'submissions')
        actualSeries.push(a)
        forecastSeries.push(f)
      }
      const hit = f === null ? null : Math.abs(f - a) <= tolerance * Math.abs(a) * (1 + 1e-12)
      if (hit === true) hits++
      bookings += cell.bookings
      const submittedAt = cell.callAt === null ? null : new Date(cell.callAt)
      const accuracy =
        f === null || a === 0
          ? null
          : finished(1 - Math.abs(a - f) / Math.abs(a), metric, SUBMISSIONS)
      const bias =
        f === null || a === 0 ? null : finished((f - a) / Math.abs(a), metric, SUBMISSIONS)
      // Fields written out, not spread: a spread in the middle of a literal is ~3× slower.
      rows.push({
        group,
        period: periods[cell.period] as GroupMetricPeriod,
        result: { forecast, actual, submittedAt, accuracy, bias, hit },
        n: cell.bookings,
        forecast,
        actual,
        submittedAt,
        accuracy,
        bias,
        hit,
        periodStart: period.first,
        periodEnd: period.last,
      })
    }
    const scan = scanSeries({ actual: actualSeries, forecast: forecastSeries }, metric)
    const wape = weightedPercentageOf(scan, metric)
    const result: ForecastGroupAccuracy = {
      periods: actualSeries.length,
      missingForecasts: missing,
      accuracy: wape === null ? null : 1 - wape,
      bias: biasOf(scan, metric),
      hitRate: actualSeries.length === 0 ? null : hits / actualSeries.length,
      trackingSignal: runningTrackingSignal(actualSeries, forecastSeries, metric),
    }
    summaries.push({ group, period: null, result, n: bookings, ...result })
  }
  return { rows, groups: summaries }
}

/** The path of a ratio that overflows: the calls are too large for their bookings. */
const SUBMISSIONS = ['submissions'] as const

/** A rolled-up amount as a float: refuses one beyond double range (`VALUE_OUT_OF_RANGE`). */
function requireFiniteAmount(value: number, metric: string, list: string): number {
  if (value - value === 0) return value
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [list],
    message: `${metric}: a period's total of ${list} exceeds double precision; the ratio metrics cannot be computed`,
  })
}
