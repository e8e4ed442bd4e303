import type { Decimal } from 'decimal.js'
import {
  type CalendarPeriodOptions,
  periodGrid,
  periodIndex,
  readPeriodLayout,
} from '../core/calendarPeriods.js'
import { type CurrencyTracker, createCurrencyTracker, trackCurrency } from '../core/currency.js'
import { describeValue } from '../core/describeValue.js'
import {
  finiteMoney,
  finiteRatio,
  guardInput,
  readOptions,
  requireList,
  requireRow,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { MoneyDecimal, type MoneyInput } from '../core/MoneyInput.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumValue,
} from '../core/moneySum.js'
import { METRIC_BASES, type MetricBasis, requireInstant, requireOneOf } from '../core/validate.js'
import type { CustomerActivity } from '../records/CustomerActivity.js'

/**
 * The values option `basis` of {@link cohortRetention} accepts: the shared
 * {@link METRIC_BASES} `'count'` (customers, "logo retention") and `'amount'` (revenue), and
 * their 0.1 names `'logo'` and `'revenue'`, still accepted as aliases (the result names the
 * canonical value).
 *
 * @example
 * ```ts
 * COHORT_BASES // => ['count', 'amount', 'logo', 'revenue']
 * ```
 * @category Retention
 */
export const COHORT_BASES = [...METRIC_BASES, 'logo', 'revenue'] as const
/**
 * One of {@link COHORT_BASES}.
 *
 * @category Retention
 */
export type CohortBasis = (typeof COHORT_BASES)[number]

/**
 * The most periods a {@link cohortRetention} table may span, from the period of the first
 * activity to the period of the last (or of `asOf`): 100 years of months, 23 of weeks.
 * Longer spans are refused with `VALUE_OUT_OF_RANGE` before any period is laid out.
 *
 * @example
 * ```ts
 * const at = (iso: string) => new Date(iso)
 * // 1900-01 … 2026-01 is 1,513 months, more than MAX_COHORT_PERIODS:
 * cohortRetention([{ customerId: 'a', at: at('1900-01-01') }, { customerId: 'b', at: at('2026-01-01') }])
 * // => throws MetricInputError with code 'VALUE_OUT_OF_RANGE', path [1, 'at']
 * ```
 * @category Retention
 */
export const MAX_COHORT_PERIODS = 1200

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the instants a table may hold. */
const EARLIEST_INSTANT = -62_135_596_800_000
const LATEST_INSTANT = 253_402_300_799_999
const DAY_MILLISECONDS = 86_400_000
/** An upper bound of one period's length in any zone (DST and zone changes included). */
const LONGEST_PERIOD_DAYS = { week: 8, month: 32, quarter: 93, year: 367 } as const

/**
 * Options of {@link cohortRetention}.
 *
 * @category Retention
 */
export interface CohortRetentionOptions extends CalendarPeriodOptions {
  /**
   * `'count'` (default): share of the cohort's customers active (logo retention);
   * `'amount'`: revenue vs age 0. `'logo'` and `'revenue'` are their 0.1 names, still accepted.
   */
  readonly basis?: CohortBasis
  /** Extend the table to the period holding `asOf` (periods without activity count as 0, not unknown). */
  readonly asOf?: Date
}

/**
 * One cohort: the customers whose first activity fell in `cohort`.
 *
 * @category Retention
 */
export interface CohortRow {
  /** Period label of the cohort, e.g. `'2026-03'`. */
  readonly cohort: string
  readonly start: Date
  /** Customers in the cohort. */
  readonly size: number
  /** Customers active at each age 0, 1, 2, …; `null` where the period lies in the future. */
  readonly active: (number | null)[]
  /** Revenue of the cohort at each age (revenue basis; `null` for logo). */
  readonly revenue: (Decimal | null)[] | null
  /** Retention at each age as a fraction (age 0 = 1 unless a revenue base is 0); `null` = not observable. */
  readonly retention: (number | null)[]
}

/**
 * Retention at one age, pooled over the cohorts observable at that age.
 *
 * @category Retention
 */
export interface PooledRetention {
  readonly age: number
  /** Σ active / Σ size (logo) or Σ revenue / Σ age-0 revenue, weighting cohorts by size. */
  readonly retention: number | null
  /** How many cohorts are observable at this age. */
  readonly cohorts: number
}

/**
 * The result of {@link cohortRetention}.
 *
 * @category Retention
 */
export interface CohortRetentionResult {
  /** The canonical basis: `'count'` (also for `'logo'`) or `'amount'` (also for `'revenue'`). */
  readonly basis: MetricBasis
  /** Labels of every period of the table, oldest first. */
  readonly periods: string[]
  /** Non-empty cohorts, oldest first. */
  readonly cohorts: CohortRow[]
  /** One entry per age. */
  readonly pooled: PooledRetention[]
  /** The one currency the revenue rows named (revenue basis), or `null` when none did. */
  readonly currency: string | null
}

/**
 * The cohort retention table: customers grouped by the period of their first activity,
 * and for each later period the share still active (logo) or the revenue kept relative to
 * the first period (revenue, which can exceed 100 %). Cells not yet observable are `null` —
 * the triangle — never 0, and pooled retention weights cohorts by size and keeps 0 % cohorts.
 *
 * ```text
 * cohort c = period of a customer's first activity;  age k = period − c
 * logo:    R(c, k) = #customers of c active in period c + k / #customers of c
 * revenue: R(c, k) = revenue of c in period c + k / revenue of c at age 0
 * pooled:  R(k) = Σ_c numerator(c, k) / Σ_c denominator(c)   over c observable at k
 * ```
 * A customer counts once per period however many activities it has. Periods are calendar
 * periods in an explicit time zone (`period`, `timeZone`, `fiscalYearStartMonth`,
 * `weekStartsOn`), so a customer never changes cohort with the host's zone.
 *
 * Limits: instants from 0001-01-01 to 9999-12-31 (UTC), and a table of at most
 * {@link MAX_COHORT_PERIODS} (1,200) periods from the first activity to the last (or to
 * `asOf`) — 100 years of months, 23 of weeks. Work and memory grow with the rows plus the
 * cells of the triangle (cohorts × periods), never with customers × periods.
 *
 * @param activity - Activity rows; `revenue` is required with `basis: 'amount'`.
 * @param options - `basis` (`'count'`; `'amount'`; `'logo'` / `'revenue'` as aliases), `period` (`'month'`), `timeZone` (`'UTC'`), `asOf`, …
 * @returns `{ basis, periods, cohorts, pooled }`; empty lists for no activity.
 * @throws MetricInputError `INVALID_DATE`, `MISSING_VALUE` (customerId, or revenue with the
 *   revenue basis), `NEGATIVE_VALUE` / `NOT_FINITE` (revenue), `VALUE_OUT_OF_RANGE`
 *   (activity after `asOf`; an instant outside years 1–9999; a span of more than 1,200
 *   periods, path the latest row's `at` or `['asOf']`; a revenue ratio no finite number
 *   holds), `INVALID_OPTION`, `VALUE_OUT_OF_RANGE` (not an array), `INVALID_RECORD` (a row that is not an object).
 * @example
 * ```ts
 * const at = (iso: string) => new Date(iso)
 * const table = cohortRetention([
 *   { customerId: 'a', at: at('2026-01-05') },
 *   { customerId: 'b', at: at('2026-01-20') },
 *   { customerId: 'a', at: at('2026-02-03') },
 *   { customerId: 'c', at: at('2026-02-10') },
 * ])
 * table.cohorts.map((row) => [row.cohort, row.retention]) // => [['2026-01', [1, 0.5]], ['2026-02', [1, null]]]
 * table.pooled.map((cell) => cell.retention) // => [1, 0.5]
 * ```
 * @see help.chartmogul.com — Cohort Net MRR Retention; PostHog/posthog#30624 (0 % cohorts).
 * @category Retention
 */
export function cohortRetention(
  activity: readonly CustomerActivity[],
  options?: CohortRetentionOptions,
): CohortRetentionResult {
  return guardInput('cohortRetention', () => buildCohorts(activity, options))
}

/**
 * One cell of the cohort triangle for {@link cohortRetentionFromCounts}: the customers of a
 * cohort active in one period, and (revenue basis) their revenue there.
 *
 * @category Retention
 */
export interface CohortRetentionCount {
  /** The instant the cohort's period begins (in the options' `timeZone`). */
  readonly cohort: Date
  /** The instant the activity period begins; not before `cohort`. */
  readonly period: Date
  /**
   * Distinct customers of the cohort active in the period (a whole number ≥ 0). The cell
   * with `period` = `cohort` holds the cohort's size: every customer is active in its first period.
   */
  readonly active: number
  /** Their revenue in the period (≥ 0; required with `basis: 'amount'`). */
  readonly revenue?: MoneyInput
  /** ISO 4217 code of `revenue`; all cells name one currency (or none). */
  readonly currency?: string
}

/**
 * The cohort retention table from counts per cohort and period instead of one row per
 * activity — the form a database returns from `GROUP BY cohort, period` (see
 * `cohortRetentionSql` in `cx-metrics/sql`). It is {@link cohortRetention} on the activity
 * those counts describe: the same periods, rows, `null` triangle and pooled retention, bit
 * for bit, since `cohortRetention` counts its rows into these cells and finishes them here.
 *
 * ```text
 * size(c) = active(c, c);  R(c, k) = active(c, c + k) / size(c)   (logo)
 *                           R(c, k) = revenue(c, c + k) / revenue(c, c)   (revenue)
 * ```
 * The table runs from the earliest cohort to the latest period (or the period of `asOf`);
 * cells left out count as 0. Limits as {@link cohortRetention}.
 *
 * @param cells - `{ cohort, period, active, revenue?, currency? }`, at most one per
 *   (cohort, period); `cohort` and `period` are period starts in `timeZone`.
 * @param options - As {@link cohortRetention}: `basis`, `period` (`'month'`), `timeZone`
 *   (`'UTC'`), `asOf`, `fiscalYearStartMonth`, `weekStartsOn`.
 * @returns The same `{ basis, periods, cohorts, pooled, currency }` as {@link cohortRetention}.
 * @throws MetricInputError `INVALID_DATE` (`[i, 'cohort']`, `[i, 'period']`);
 *   `INVALID_RECORD` (a row that is not an object, an instant that does not begin a period,
 *   two cells for one cohort and period, a cohort without its first-period cell);
 *   `END_BEFORE_START` (a period before its cohort); `VALUE_OUT_OF_RANGE` (an `active`
 *   count that is not a whole number ≥ 0 or exceeds the cohort's size; a cell after `asOf`;
 *   a span of more than 1,200 periods); `MISSING_VALUE`, `NEGATIVE_VALUE`, `NOT_FINITE`
 *   (`revenue`); `CURRENCY_MISMATCH`; `INVALID_OPTION`.
 * @example
 * ```ts
 * // cohortRetention's example as counts: January 2 customers, 1 back in February; February 1.
 * const at = (iso: string) => new Date(iso)
 * const table = cohortRetentionFromCounts([
 *   { cohort: at('2026-01-01'), period: at('2026-01-01'), active: 2 },
 *   { cohort: at('2026-01-01'), period: at('2026-02-01'), active: 1 },
 *   { cohort: at('2026-02-01'), period: at('2026-02-01'), active: 1 },
 * ])
 * table.cohorts.map((row) => [row.cohort, row.retention]) // => [['2026-01', [1, 0.5]], ['2026-02', [1, null]]]
 * table.pooled.map((cell) => cell.retention) // => [1, 0.5]
 * ```
 * @see cohortRetention, the per-activity form.
 * @category Retention
 */
export function cohortRetentionFromCounts(
  cells: readonly CohortRetentionCount[],
  options?: CohortRetentionOptions,
): CohortRetentionResult {
  return guardInput('cohortRetentionFromCounts', () => countedCohorts(cells, options))
}

function countedCohorts(
  list: readonly CohortRetentionCount[],
  given: CohortRetentionOptions | undefined,
): CohortRetentionResult {
  const metric = 'cohortRetentionFromCounts'
  const cells = requireList(list, metric, 'cells')
  const { basis, layout, asOf } = readCohortOptions(given, metric)
  if (cells.length === 0) return { basis, periods: [], cohorts: [], pooled: [], currency: null }
  const currency = createCurrencyTracker(metric)
  const count = cells.length
  const cohortTimes = new Float64Array(count)
  const periodTimes = new Float64Array(count)
  let earliest = Number.POSITIVE_INFINITY
  let latest = Number.NEGATIVE_INFINITY
  let latestIndex = 0
  for (let index = 0; index < count; index++) {
    const cell = requireRow(cells[index] as CohortRetentionCount, metric, index, 'cell')
    const cohort = instantOf(cell.cohort, metric, index, 'cohort')
    const period = instantOf(cell.period, metric, index, 'period')
    if (period < cohort) {
      throw new MetricInputError({
        code: 'END_BEFORE_START',
        metric,
        path: [index, 'period'],
        message: `${metric}: period of index ${index} is ${new Date(period).toISOString()}, before its cohort ${new Date(cohort).toISOString()}`,
      })
    }
    checkEntry(cell, index, period, 'period', { metric, basis, asOf, currency })
    cohortTimes[index] = cohort
    periodTimes[index] = period
    if (cohort < earliest) earliest = cohort
    if (period > latest) {
      latest = period
      latestIndex = index
    }
  }
  const last = asOf === null ? latest : Math.max(latest, asOf)
  const grid = layOutGrid(
    earliest,
    last,
    layout,
    metric,
    asOf !== null && asOf > latest ? ['asOf'] : [latestIndex, 'period'],
  )
  const periods = grid.labels.length
  const size = new Float64Array(periods)
  const active: (Float64Array | undefined)[] = new Array(periods)
  const revenue: ((Decimal | undefined)[] | undefined)[] = new Array(periods)
  const context: MoneyContext = { metric, allowNegative: false, field: 'revenue' }
  const start = (time: number, index: number, field: string): number => {
    const at = periodIndex(grid.starts, time)
    if (grid.starts[at] !== time) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, field],
        message: `${metric}: ${field} of index ${index} is ${new Date(time).toISOString()}, which does not begin a ${layout.period} in ${layout.timeZone}`,
      })
    }
    return at
  }
  for (let index = 0; index < count; index++) {
    const cell = cells[index] as CohortRetentionCount
    const cohort = start(cohortTimes[index] as number, index, 'cohort')
    const age = start(periodTimes[index] as number, index, 'period') - cohort
    const value = cell.active
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [index, 'active'],
        message: `${metric}: active of index ${index} is ${describeValue(value)}; it must be a whole number of customers ≥ 0`,
      })
    }
    let counts = active[cohort]
    if (counts === undefined) {
      counts = new Float64Array(periods - cohort).fill(-1)
      active[cohort] = counts
      if (basis === 'amount') revenue[cohort] = new Array(periods - cohort)
    }
    if ((counts[age] as number) >= 0) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index],
        message: `${metric}: index ${index} repeats the cell of cohort ${grid.labels[cohort]} and period ${grid.labels[cohort + age]}; pass one cell per cohort and period`,
      })
    }
    counts[age] = value
    if (basis === 'amount') {
      const sum = createMoneySum()
      addMoney(sum, cell.revenue as MoneyInput, context, index)
      ;(revenue[cohort] as (Decimal | undefined)[])[age] = finiteMoney(
        moneySumValue(sum),
        metric,
        'a cohort revenue',
      )
    }
  }
  // Every cohort needs its first-period cell (its size); no later cell may exceed it.
  for (let index = 0; index < count; index++) {
    const cohort = periodIndex(grid.starts, cohortTimes[index] as number)
    const counts = active[cohort] as Float64Array
    const cohortSize = counts[0] as number
    if (cohortSize < 0) {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: [index, 'cohort'],
        message: `${metric}: cohort ${grid.labels[cohort]} has no cell for its own period; that cell holds the cohort's size`,
      })
    }
    if ((cells[index] as CohortRetentionCount).active > cohortSize) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [index, 'active'],
        message: `${metric}: active of index ${index} is ${(cells[index] as CohortRetentionCount).active}, more than the ${cohortSize} customers of cohort ${grid.labels[cohort]}`,
      })
    }
    size[cohort] = cohortSize
  }
  // Cells left out count as 0 (the -1 marked "not given").
  for (let cohort = 0; cohort < periods; cohort++) {
    const counts = active[cohort]
    if (counts === undefined) continue
    for (let age = 0; age < counts.length; age++) if ((counts[age] as number) < 0) counts[age] = 0
  }
  return tableFromCounts(
    { basis, grid, size, active, revenue },
    metric,
    basis === 'amount' ? currency.currency : null,
  )
}

/** What both forms check of a row or cell: not after `asOf`; revenue and currency (amount basis). */
function checkEntry(
  entry: { readonly revenue?: MoneyInput; readonly currency?: string },
  index: number,
  time: number,
  field: 'at' | 'period',
  checks: {
    readonly metric: string
    readonly basis: MetricBasis
    readonly asOf: number | null
    readonly currency: CurrencyTracker
  },
): void {
  const { metric, asOf } = checks
  if (asOf !== null && time > asOf) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: [index, field],
      message: `${metric}: ${field} of index ${index} is ${new Date(time).toISOString()}, after asOf ${new Date(asOf).toISOString()}`,
    })
  }
  if (checks.basis !== 'amount') return
  if (entry.revenue === undefined) {
    throw missing(metric, index, 'revenue', 'revenue cohorts need the revenue of each entry')
  }
  const named: unknown = entry.currency
  if (named !== undefined && typeof named !== 'string') {
    throw new MetricInputError({
      code: 'INVALID_RECORD',
      metric,
      path: [index, 'currency'],
      message: `${metric}: currency at index ${index} is ${describeValue(named)}; it must be an ISO 4217 code such as 'EUR'`,
    })
  }
  trackCurrency(checks.currency, named, () => [index, 'currency'])
}

/** The checked instant of a cell's `cohort` or `period`, in years 1–9999. */
function instantOf(value: Date, metric: string, index: number, field: string): number {
  const label = `${field} of index ${index}`
  return requireSupported(
    requireInstant(value, metric, [index, field], label),
    metric,
    [index, field],
    label,
  )
}

/** The options both forms read: the canonical basis, the period layout and `asOf`. */
function readCohortOptions(given: CohortRetentionOptions | undefined, metric: string) {
  const options = readOptions(given, metric)
  const named = requireOneOf(options.basis ?? 'count', COHORT_BASES, metric, 'basis')
  const basis: MetricBasis = named === 'logo' ? 'count' : named === 'revenue' ? 'amount' : named
  const layout = readPeriodLayout(options, metric)
  const asOf =
    options.asOf === undefined
      ? null
      : requireSupported(
          requireInstant(options.asOf, metric, ['asOf'], 'option asOf'),
          metric,
          ['asOf'],
          'option asOf',
        )
  return { basis, layout, asOf }
}

/** The periods from `earliest` to `last`, refused beyond {@link MAX_COHORT_PERIODS}. */
function layOutGrid(
  earliest: number,
  last: number,
  layout: ReturnType<typeof readPeriodLayout>,
  metric: string,
  spanPath: (string | number)[],
): ReturnType<typeof periodGrid> {
  // Refuse a span that surely holds too many periods before laying any out, then count.
  const shortest = Math.floor(
    (last - earliest) / (LONGEST_PERIOD_DAYS[layout.period] * DAY_MILLISECONDS),
  )
  if (shortest > MAX_COHORT_PERIODS) throw tooLong(metric, spanPath, shortest)
  const grid = periodGrid(earliest, last, layout)
  if (grid.labels.length > MAX_COHORT_PERIODS) throw tooLong(metric, spanPath, grid.labels.length)
  return grid
}

function buildCohorts(
  list: readonly CustomerActivity[],
  given: CohortRetentionOptions | undefined,
): CohortRetentionResult {
  const metric = 'cohortRetention'
  const activity = requireList(list, metric, 'activity')
  const { basis, layout, asOf } = readCohortOptions(given, metric)
  if (activity.length === 0) return { basis, periods: [], cohorts: [], pooled: [], currency: null }
  // Revenue of different currencies never meets in one sum (an activity without one conflicts with none).
  const currency = createCurrencyTracker(metric)

  // Pass 1: validate, encode customers, find each customer's first activity.
  const rows = activity.length
  const times = new Float64Array(rows)
  const customerOf = new Int32Array(rows)
  const codeOf = new Map<string, number>()
  const firstTimes: number[] = []
  let earliest = Number.POSITIVE_INFINITY
  let latest = Number.NEGATIVE_INFINITY
  let latestIndex = 0
  for (let index = 0; index < rows; index++) {
    const row = requireRow(activity[index] as CustomerActivity, metric, index, 'row')
    const customerId = row.customerId
    if (typeof customerId !== 'string' || customerId === '') {
      throw missing(metric, index, 'customerId', 'every row needs a customer')
    }
    const label = `at of index ${index}`
    const time = requireSupported(
      requireInstant(row.at, metric, [index, 'at'], label),
      metric,
      [index, 'at'],
      label,
    )
    checkEntry(row, index, time, 'at', { metric, basis, asOf, currency })
    let code = codeOf.get(customerId)
    if (code === undefined) {
      code = firstTimes.length
      codeOf.set(customerId, code)
      firstTimes.push(time)
    } else if (time < (firstTimes[code] as number)) {
      firstTimes[code] = time
    }
    times[index] = time
    customerOf[index] = code
    if (time < earliest) earliest = time
    if (time > latest) {
      latest = time
      latestIndex = index
    }
  }
  const last = asOf === null ? latest : Math.max(latest, asOf)
  const spanPath = asOf !== null && asOf > latest ? ['asOf'] : [latestIndex, 'at']
  const grid = layOutGrid(earliest, last, layout, metric, spanPath)
  const periods = grid.labels.length

  // Pass 2: rows grouped by customer (a counting sort), so a customer counts once per period
  // with one stamp per period instead of a customers × periods table.
  const customers = firstTimes.length
  const cohortOf = new Int32Array(customers)
  for (let customer = 0; customer < customers; customer++) {
    cohortOf[customer] = periodIndex(grid.starts, firstTimes[customer] as number)
  }
  const firstRow = new Int32Array(customers + 1)
  for (let index = 0; index < rows; index++) {
    const slot = (customerOf[index] as number) + 1
    firstRow[slot] = (firstRow[slot] as number) + 1
  }
  for (let customer = 0; customer < customers; customer++) {
    firstRow[customer + 1] = (firstRow[customer + 1] as number) + (firstRow[customer] as number)
  }
  const next = firstRow.slice(0, customers)
  const order = new Int32Array(rows)
  for (let index = 0; index < rows; index++) {
    const customer = customerOf[index] as number
    order[next[customer] as number] = index
    next[customer] = (next[customer] as number) + 1
  }
  // The triangle: one row per non-empty cohort, as long as that cohort is observable.
  const size = new Float64Array(periods)
  const active: (Float64Array | undefined)[] = new Array(periods)
  const revenue: ((MoneySum | undefined)[] | undefined)[] = new Array(periods)
  for (let customer = 0; customer < customers; customer++) {
    const cohort = cohortOf[customer] as number
    size[cohort] = (size[cohort] as number) + 1
    if (active[cohort] === undefined) {
      active[cohort] = new Float64Array(periods - cohort)
      if (basis === 'amount') revenue[cohort] = new Array(periods - cohort)
    }
  }
  const stamp = new Int32Array(periods).fill(-1)
  const context: MoneyContext = { metric, allowNegative: false, field: 'revenue' }
  for (let customer = 0; customer < customers; customer++) {
    const cohort = cohortOf[customer] as number
    const counts = active[cohort] as Float64Array
    const sums = revenue[cohort]
    for (
      let slot = firstRow[customer] as number;
      slot < (firstRow[customer + 1] as number);
      slot++
    ) {
      const index = order[slot] as number
      const period = periodIndex(grid.starts, times[index] as number)
      const age = period - cohort
      if (stamp[period] !== customer) {
        stamp[period] = customer
        counts[age] = (counts[age] as number) + 1
      }
      if (sums !== undefined) {
        let sum = sums[age]
        if (sum === undefined) {
          sum = createMoneySum()
          sums[age] = sum
        }
        addMoney(sum, (activity[index] as CustomerActivity).revenue!, context, index)
      }
    }
  }
  return tableFromCounts(
    { basis, grid, size, active, revenue: exactCells(revenue, metric) },
    metric,
    currency.currency,
  )
}

/** The exact revenue of every counted cell (`undefined` where the cell had none). */
function exactCells(
  revenue: readonly ((MoneySum | undefined)[] | undefined)[],
  metric: string,
): ((Decimal | undefined)[] | undefined)[] {
  const out: ((Decimal | undefined)[] | undefined)[] = new Array(revenue.length)
  for (let cohort = 0; cohort < revenue.length; cohort++) {
    const sums = revenue[cohort]
    if (sums === undefined) continue
    const row: (Decimal | undefined)[] = new Array(sums.length)
    for (let age = 0; age < sums.length; age++) {
      const sum = sums[age]
      if (sum !== undefined) row[age] = finiteMoney(moneySumValue(sum), metric, 'a cohort revenue')
    }
    out[cohort] = row
  }
  return out
}

/**
 * The counted triangle that {@link cohortRetention} and {@link cohortRetentionFromCounts}
 * both summarise: per cohort index its size, active customers per age and (revenue basis)
 * exact revenue per age, `undefined` where a cell had no activity.
 */
interface CohortCounts {
  readonly basis: MetricBasis
  readonly grid: ReturnType<typeof periodGrid>
  readonly size: Float64Array
  readonly active: readonly (Float64Array | undefined)[]
  readonly revenue: readonly ((Decimal | undefined)[] | undefined)[]
}

/** The table of counted cells: rows per non-empty cohort and pooled retention per age. */
function tableFromCounts(
  counted: CohortCounts,
  metric: string,
  currency: string | null,
): CohortRetentionResult {
  const { basis, grid, size, active, revenue } = counted
  const periods = grid.labels.length
  const zero = new MoneyDecimal(0)
  const cohorts: CohortRow[] = []
  // Pooled sums per age: customers (logo) or revenue (revenue basis), and their bases.
  const pooledActive = new Float64Array(periods)
  const pooledSize = new Float64Array(periods)
  const pooledRevenue: (Decimal | undefined)[] = new Array(periods)
  const pooledCount = new Float64Array(periods)
  // Revenue basis: Σ age-0 revenue of cohorts 0..c, so the base pooled at age k (cohorts
  // c < periods − k) is one lookup, not a Decimal addition per cell.
  const baseUpTo: Decimal[] = new Array(periods)
  let runningBase = zero
  for (let cohort = 0; cohort < periods; cohort++) {
    const cohortSize = size[cohort] as number
    const counts = active[cohort]
    if (cohortSize === 0 || counts === undefined) {
      baseUpTo[cohort] = runningBase
      continue
    }
    const observable = periods - cohort
    const sums = revenue[cohort]
    const base = basis === 'count' ? null : ((sums as (Decimal | undefined)[])[0] ?? zero)
    if (base !== null) runningBase = runningBase.plus(base)
    baseUpTo[cohort] = runningBase
    const activeRow: (number | null)[] = new Array(periods)
    const revenueRow: (Decimal | null)[] = new Array(periods)
    const retention: (number | null)[] = new Array(periods)
    for (let age = 0; age < periods; age++) {
      if (age >= observable) {
        activeRow[age] = null
        revenueRow[age] = null
        retention[age] = null
        continue
      }
      const count = counts[age] as number
      activeRow[age] = count
      pooledCount[age] = (pooledCount[age] as number) + 1
      if (base === null) {
        retention[age] = count / cohortSize
        pooledActive[age] = (pooledActive[age] as number) + count
        pooledSize[age] = (pooledSize[age] as number) + cohortSize
      } else {
        const sum = (sums as (Decimal | undefined)[])[age]
        const amount = sum ?? zero
        revenueRow[age] = amount
        retention[age] = base.isZero()
          ? null
          : sum === undefined
            ? 0
            : finiteRatio(amount.div(base).toNumber(), metric, 'a revenue retention')
        if (sum !== undefined) pooledRevenue[age] = pooledRevenue[age]?.plus(amount) ?? amount
      }
    }
    cohorts.push({
      cohort: grid.labels[cohort] as string,
      start: new Date(grid.starts[cohort] as number),
      size: cohortSize,
      active: activeRow,
      revenue: base === null ? null : revenueRow,
      retention,
    })
  }
  const pooled: PooledRetention[] = []
  for (let age = 0; age < periods; age++) {
    const count = pooledCount[age] as number
    let retention: number | null = null
    if (count > 0 && basis === 'count') {
      retention = (pooledActive[age] as number) / (pooledSize[age] as number)
    } else if (count > 0) {
      const base = baseUpTo[periods - 1 - age] as Decimal
      if (!base.isZero()) {
        const kept = pooledRevenue[age] ?? zero
        retention = finiteRatio(kept.div(base).toNumber(), metric, 'a pooled revenue retention')
      }
    }
    pooled.push({ age, retention, cohorts: count })
  }
  return { basis, periods: [...grid.labels], cohorts, pooled, currency }
}

/** The instant when it lies in years 1–9999 (UTC); `VALUE_OUT_OF_RANGE` otherwise. */
function requireSupported(
  time: number,
  metric: string,
  path: (string | number)[],
  label: string,
): number {
  if (time >= EARLIEST_INSTANT && time <= LATEST_INSTANT) return time
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path,
    message: `${metric}: ${label} is ${new Date(time).toISOString()}; cohort tables hold instants from year 1 to 9999`,
  })
}

function tooLong(metric: string, path: (string | number)[], periods: number): MetricInputError {
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path,
    message: `${metric}: the activity spans ${periods} or more periods; a cohort table holds at most ${MAX_COHORT_PERIODS} (use a longer period or filter the rows)`,
  })
}

function missing(metric: string, index: number, field: string, why: string): MetricInputError {
  return new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: [index, field],
    message: `${metric}: ${field} at index ${index} is missing; ${why}`,
  })
}
