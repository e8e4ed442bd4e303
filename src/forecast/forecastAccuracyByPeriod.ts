import type { Decimal } from 'decimal.js'
import { type CurrencyConversionOptions, resultCurrency } from '../core/currencyConversion.js'
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
  type GroupCell,
  groupCells,
  numberOf,
  type Period,
  type PeriodOptions,
  type PeriodTable,
  readCalls,
  readPeriodOptions,
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
  /** `'owner'` (default), `'team'` (needs `teamOf`) or `'none'` (the whole company). */
  readonly groupBy?: 'owner' | 'team' | 'none'
  /** The team of an owner, for `groupBy: 'team'` (called once per owner; a non-empty string). */
  readonly teamOf?: (ownerId: string) => string
  /** Zone in which period dates begin and end; default `'UTC'`. */
  readonly timeZone?: string
  /** Hit tolerance as a fraction of the actual; default 0.1. */
  readonly tolerance?: number
}

/**
 * One group's call against its bookings in one period.
 *
 * @category Forecast
 */
export interface ForecastPeriodRow {
  readonly group: string
  readonly periodStart: Date
  /** Last day of the period (as submitted). */
  readonly periodEnd: Date
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
 * A group's forecast quality over all its periods with a forecast.
 *
 * @category Forecast
 */
export interface ForecastGroupSummary {
  readonly group: string
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
  /** Tracking signal after each judged period, in time order (> 4 or < −4: biased). */
  readonly trackingSignal: (number | null)[]
}

/**
 * The result of {@link forecastAccuracyByPeriod}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyByPeriodResult {
  readonly rows: ForecastPeriodRow[]
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
 * are ignored.
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
 * @returns `{ rows, groups, currency }`, rows ordered by group and period start.
 * @throws MetricInputError with a path into `submissions`, `actuals` or the options:
 *   `MISSING_VALUE` (ownerId, a record), `INVALID_DATE`, `END_BEFORE_START` (periodEnd before
 *   periodStart), `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `VALUE_OUT_OF_RANGE` (category,
 *   currency, a total beyond double range), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `INVALID_OPTION` (every option, `teamOf` returning no team), `INVALID_RECORD` (reading a
 *   record or calling `teamOf` threw).
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
  groups: Map<string, Map<number, GroupCell>>,
  options: PeriodOptions,
): Pick<ForecastAccuracyByPeriodResult, 'rows' | 'groups'> {
  const { metric, tolerance } = options
  const rank = new Int32Array(table.periods.length)
  const order = table.periods.map((_, index) => index)
  order.sort(
    (a, b) =>
      (table.periods[a] as Period).start - (table.periods[b] as Period).start ||
      (table.periods[a] as Period).end - (table.periods[b] as Period).end,
  )
  for (let position = 0; position < order.length; position++) {
    rank[order[position] as number] = position
  }
  const rows: ForecastPeriodRow[] = []
  const summaries: ForecastGroupSummary[] = []
  for (const group of [...groups.keys()].sort()) {
    const cells = [...(groups.get(group) as Map<number, GroupCell>).values()]
    cells.sort((a, b) => (rank[a.period] as number) - (rank[b.period] as number))
    const actualSeries: number[] = []
    const forecastSeries: number[] = []
    let missing = 0
    let hits = 0
    for (const cell of cells) {
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
      rows.push({
        group,
        periodStart: period.first,
        periodEnd: period.last,
        forecast,
        actual,
        submittedAt: cell.callAt === null ? null : new Date(cell.callAt),
        accuracy:
          f === null || a === 0
            ? null
            : finished(1 - Math.abs(a - f) / Math.abs(a), metric, SUBMISSIONS),
        bias: f === null || a === 0 ? null : finished((f - a) / Math.abs(a), metric, SUBMISSIONS),
        hit,
      })
    }
    const scan = scanSeries({ actual: actualSeries, forecast: forecastSeries }, metric)
    const wape = weightedPercentageOf(scan, metric)
    summaries.push({
      group,
      periods: actualSeries.length,
      missingForecasts: missing,
      accuracy: wape === null ? null : 1 - wape,
      bias: biasOf(scan, metric),
      hitRate: actualSeries.length === 0 ? null : hits / actualSeries.length,
      trackingSignal: runningTrackingSignal(actualSeries, forecastSeries, metric),
    })
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
