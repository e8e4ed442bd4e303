import { TZDate } from '@date-fns/tz'
import type { Decimal } from 'decimal.js'
import { requireTimeZone } from '../core/calendarPeriods.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
} from '../core/moneySum.js'
import { requireInstant, requireNonNegative, requireOneOf } from '../core/validate.js'
import {
  FORECAST_CATEGORIES,
  type ForecastActual,
  type ForecastCategory,
  type ForecastSubmission,
} from './ForecastSubmission.js'
import { forecastAccuracyReport } from './forecastAccuracyReport.js'
import { trackingSignal } from './trackingSignal.js'

const DAY_MILLISECONDS = 86_400_000

/** Options of {@link forecastAccuracyByPeriod}. */
export interface ForecastAccuracyByPeriodOptions {
  /** Which call is judged; default `'commit'`. */
  readonly category?: ForecastCategory
  /** Judge the latest call made at least this many days (24 h each) before the period ends; default 0. */
  readonly leadTimeDays?: number
  /** `'owner'` (default), `'team'` (needs `teamOf`) or `'none'` (the whole company). */
  readonly groupBy?: 'owner' | 'team' | 'none'
  /** The team of an owner, for `groupBy: 'team'`. */
  readonly teamOf?: (ownerId: string) => string
  /** Zone in which period dates begin and end; default `'UTC'`. */
  readonly timeZone?: string
  /** Hit tolerance as a fraction of the actual; default 0.1. */
  readonly tolerance?: number
}

/** One group's call against its bookings in one period. */
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

/** A group's forecast quality over all its periods with a forecast. */
export interface ForecastGroupSummary {
  readonly group: string
  /** Periods with a judged forecast. */
  readonly periods: number
  /** Periods with bookings or calls but no call in time (left out of the metrics). */
  readonly missingForecasts: number
  /** 1 − WAPE over the periods. */
  readonly accuracy: number | null
  readonly bias: number | null
  readonly hitRate: number | null
  /** Tracking signal after each judged period, in time order (> 4 or < −4: biased). */
  readonly trackingSignal: (number | null)[]
}

/** The result of {@link forecastAccuracyByPeriod}. */
export interface ForecastAccuracyByPeriodResult {
  readonly rows: ForecastPeriodRow[]
  readonly groups: ForecastGroupSummary[]
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
 *
 * @param submissions - Forecast calls (all categories; one is judged).
 * @param actuals - Closed-won bookings (see `actualsFromOpportunities`).
 * @param options - `category`, `leadTimeDays`, `groupBy`, `teamOf`, `timeZone`, `tolerance`.
 * @returns `{ rows, groups }`, rows ordered by group and period start.
 * @throws MetricInputError `MISSING_VALUE` (ownerId), `INVALID_DATE`, `END_BEFORE_START`
 *   (periodEnd before periodStart), `NEGATIVE_VALUE` / `NOT_FINITE` (amount, leadTimeDays),
 *   `VALUE_OUT_OF_RANGE` (category), `INVALID_OPTION`.
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
 * @see metric-definitions §4.1 and §4.6; Salesforce Trailhead — track sales forecast performance.
 */
export function forecastAccuracyByPeriod(
  submissions: readonly ForecastSubmission[],
  actuals: readonly ForecastActual[],
  options: ForecastAccuracyByPeriodOptions = {},
): ForecastAccuracyByPeriodResult {
  const metric = 'forecastAccuracyByPeriod'
  const category = requireOneOf(
    options.category ?? 'commit',
    FORECAST_CATEGORIES,
    metric,
    'category',
  )
  const leadTime = requireNonNegative(
    options.leadTimeDays ?? 0,
    metric,
    ['leadTimeDays'],
    'option leadTimeDays',
  )
  const groupBy = requireOneOf(
    options.groupBy ?? 'owner',
    ['owner', 'team', 'none'] as const,
    metric,
    'groupBy',
  )
  const timeZone = requireTimeZone(options.timeZone ?? 'UTC', metric)
  const tolerance = requireNonNegative(
    options.tolerance ?? 0.1,
    metric,
    ['tolerance'],
    'option tolerance',
  )
  const teamOf = options.teamOf
  if (groupBy === 'team' && typeof teamOf !== 'function') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['teamOf'],
      message: `${metric}: groupBy 'team' needs option teamOf, a function from ownerId to team`,
    })
  }
  const groupOf = (owner: string) =>
    groupBy === 'owner'
      ? owner
      : groupBy === 'none'
        ? 'all'
        : (teamOf as (o: string) => string)(owner)

  // Periods and the judged (latest in-time) call of each owner in each period.
  const periods = new Map<
    string,
    { start: number; end: number; first: Date; last: Date; deadline: number }
  >()
  const judged = new Map<string, { amount: MoneySum; submittedAt: number }>()
  const owners = new Set<string>()
  const context: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    list: 'submissions',
  }
  for (let index = 0; index < submissions.length; index++) {
    const submission = submissions[index] as ForecastSubmission
    const owner = requireOwner(submission.ownerId, metric, ['submissions', index, 'ownerId'])
    const kind = submission.category
    if (!FORECAST_CATEGORIES.includes(kind)) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['submissions', index, 'category'],
        message: `${metric}: category at submissions[${index}] is ${describeValue(kind)}; it must be commit, best-case or pipeline`,
      })
    }
    const first = requireInstant(
      submission.periodStart,
      metric,
      ['submissions', index, 'periodStart'],
      `periodStart at submissions[${index}]`,
    )
    const last = requireInstant(
      submission.periodEnd,
      metric,
      ['submissions', index, 'periodEnd'],
      `periodEnd at submissions[${index}]`,
    )
    if (last < first) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: ['submissions', index, 'periodEnd'],
        message: `${metric}: periodEnd at submissions[${index}] is before its periodStart`,
      })
    }
    const submittedAt = requireInstant(
      submission.submittedAt,
      metric,
      ['submissions', index, 'submittedAt'],
      `submittedAt at submissions[${index}]`,
    )
    const amount = createMoneySum()
    addMoney(amount, submission.amount, context, index)
    if (kind !== category) continue
    const periodKey = `${dateKey(first)}/${dateKey(last)}`
    let period = periods.get(periodKey)
    if (period === undefined) {
      const start = startOfDate(first, timeZone, 0)
      const end = startOfDate(last, timeZone, 1)
      period = {
        start,
        end,
        first: submission.periodStart,
        last: submission.periodEnd,
        deadline: end - leadTime * DAY_MILLISECONDS,
      }
      periods.set(periodKey, period)
    }
    owners.add(owner)
    if (submittedAt > period.deadline) continue
    const key = `${owner}\u0000${periodKey}`
    const previous = judged.get(key)
    if (previous === undefined || submittedAt >= previous.submittedAt)
      judged.set(key, { amount, submittedAt })
  }

  // Bookings per owner and period.
  const booked = new Map<string, MoneySum>()
  const actualContext: MoneyContext = {
    metric,
    allowNegative: false,
    field: 'amount',
    list: 'actuals',
  }
  for (let index = 0; index < actuals.length; index++) {
    const actual = actuals[index] as ForecastActual
    const owner = requireOwner(actual.ownerId, metric, ['actuals', index, 'ownerId'])
    const at = requireInstant(
      actual.at,
      metric,
      ['actuals', index, 'at'],
      `at of actuals[${index}]`,
    )
    const amount = createMoneySum()
    addMoney(amount, actual.amount, actualContext, index)
    for (const [periodKey, period] of periods) {
      if (at < period.start || at >= period.end) continue
      owners.add(owner)
      const key = `${owner}\u0000${periodKey}`
      const sum = booked.get(key) ?? createMoneySum()
      booked.set(key, sum)
      addMoney(sum, moneySumValue(amount), actualContext, index)
    }
  }

  // Group rows.
  const rowsByGroup = new Map<
    string,
    Map<string, { forecast: Decimal | null; actual: Decimal; submittedAt: number | null }>
  >()
  for (const owner of owners) {
    const group = groupOf(owner)
    let byPeriod = rowsByGroup.get(group)
    if (byPeriod === undefined) {
      byPeriod = new Map()
      rowsByGroup.set(group, byPeriod)
    }
    for (const periodKey of periods.keys()) {
      const key = `${owner}\u0000${periodKey}`
      const call = judged.get(key)
      const sum = booked.get(key)
      const cell = byPeriod.get(periodKey) ?? {
        forecast: null,
        actual: new MoneyDecimal(0),
        submittedAt: null,
      }
      if (sum !== undefined) cell.actual = cell.actual.plus(moneySumValue(sum))
      if (call !== undefined) {
        cell.forecast = (cell.forecast ?? new MoneyDecimal(0)).plus(moneySumValue(call.amount))
        cell.submittedAt = Math.max(cell.submittedAt ?? Number.NEGATIVE_INFINITY, call.submittedAt)
      }
      byPeriod.set(periodKey, cell)
    }
  }

  const rows: ForecastPeriodRow[] = []
  const groups: ForecastGroupSummary[] = []
  const orderedPeriods = [...periods.entries()].sort(
    (a, b) => a[1].start - b[1].start || a[1].end - b[1].end,
  )
  for (const group of [...rowsByGroup.keys()].sort()) {
    const byPeriod = rowsByGroup.get(group)!
    const actualSeries: number[] = []
    const forecastSeries: number[] = []
    let missing = 0
    for (const [periodKey, period] of orderedPeriods) {
      const cell = byPeriod.get(periodKey)!
      const a = cell.actual.toNumber()
      const f = cell.forecast?.toNumber() ?? null
      if (f === null) {
        if (!cell.actual.isZero()) missing++
        if (cell.actual.isZero()) continue
      } else {
        actualSeries.push(a)
        forecastSeries.push(f)
      }
      rows.push({
        group,
        periodStart: period.first,
        periodEnd: period.last,
        forecast: cell.forecast,
        actual: cell.actual,
        submittedAt: cell.submittedAt === null ? null : new Date(cell.submittedAt),
        accuracy: f === null || a === 0 ? null : 1 - Math.abs(a - f) / Math.abs(a),
        bias: f === null || a === 0 ? null : (f - a) / Math.abs(a),
        hit: f === null ? null : Math.abs(f - a) <= tolerance * Math.abs(a) * (1 + 1e-12),
      })
    }
    const series = { actual: actualSeries, forecast: forecastSeries }
    const report = forecastAccuracyReport(series)
    const hits = rows.filter((row) => row.group === group && row.hit !== null)
    groups.push({
      group,
      periods: actualSeries.length,
      missingForecasts: missing,
      accuracy: report.forecastAccuracy,
      bias: report.forecastBias,
      hitRate: hits.length === 0 ? null : hits.filter((row) => row.hit).length / hits.length,
      trackingSignal: trackingSignal(series),
    })
  }
  return { rows, groups }
}

/** YYYY-MM-DD of a date's UTC calendar date (schemas give date-only values at UTC midnight). */
function dateKey(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** Epoch ms of local midnight, in `timeZone`, of the UTC calendar date of `time` plus `days`. */
function startOfDate(time: number, timeZone: string, days: number): number {
  const date = new Date(time)
  return new TZDate(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate() + days,
    timeZone,
  ).getTime()
}

function requireOwner(ownerId: string, metric: string, path: (string | number)[]): string {
  if (typeof ownerId === 'string' && ownerId !== '') return ownerId
  throw new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path,
    message: `${metric}: ownerId at ${path.slice(0, 2).join('[')}] is missing; every call and booking needs an owner`,
  })
}
