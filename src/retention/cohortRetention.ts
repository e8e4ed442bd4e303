import type { Decimal } from 'decimal.js'
import {
  type CalendarPeriodOptions,
  periodGrid,
  periodIndex,
  readPeriodLayout,
} from '../core/calendarPeriods.js'
import { createCurrencyTracker, trackCurrency } from '../core/currency.js'
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
import { MoneyDecimal } from '../core/MoneyInput.js'
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

function buildCohorts(
  list: readonly CustomerActivity[],
  given: CohortRetentionOptions | undefined,
): CohortRetentionResult {
  const metric = 'cohortRetention'
  const activity = requireList(list, metric, 'activity')
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
    if (asOf !== null && time > asOf) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [index, 'at'],
        message: `${metric}: at of index ${index} is ${new Date(time).toISOString()}, after asOf ${new Date(asOf).toISOString()}`,
      })
    }
    if (basis === 'amount') {
      if (row.revenue === undefined) {
        throw missing(metric, index, 'revenue', "revenue cohorts need each row's revenue")
      }
      const named = row.currency
      if (named !== undefined && typeof named !== 'string') {
        throw new MetricInputError({
          code: 'INVALID_RECORD',
          metric,
          path: [index, 'currency'],
          message: `${metric}: currency at index ${index} is ${describeValue(named)}; it must be an ISO 4217 code such as 'EUR'`,
        })
      }
      trackCurrency(currency, named, () => [index, 'currency'])
    }
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
  // Refuse a span that surely holds too many periods before laying any out, then count.
  const shortest = Math.floor(
    (last - earliest) / (LONGEST_PERIOD_DAYS[layout.period] * DAY_MILLISECONDS),
  )
  if (shortest > MAX_COHORT_PERIODS) throw tooLong(metric, spanPath, shortest)
  const grid = periodGrid(earliest, last, layout)
  const periods = grid.labels.length
  if (periods > MAX_COHORT_PERIODS) throw tooLong(metric, spanPath, periods)

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
  return { ...summarise(basis, grid, size, active, revenue, metric), currency: currency.currency }
}

function summarise(
  basis: MetricBasis,
  grid: ReturnType<typeof periodGrid>,
  size: Float64Array,
  active: readonly (Float64Array | undefined)[],
  revenue: readonly ((MoneySum | undefined)[] | undefined)[],
  metric: string,
): Omit<CohortRetentionResult, 'currency'> {
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
    const base = sums === undefined ? null : amountOf(sums[0], zero, metric)
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
        const sum = (sums as (MoneySum | undefined)[])[age]
        const amount = amountOf(sum, zero, metric)
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
  return { basis, periods: [...grid.labels], cohorts, pooled }
}

/** The exact revenue of one cell (0 when it has none), refused when it overflowed. */
function amountOf(sum: MoneySum | undefined, zero: Decimal, metric: string): Decimal {
  return sum === undefined ? zero : finiteMoney(moneySumValue(sum), metric, 'a cohort revenue')
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
