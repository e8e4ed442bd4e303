import type { Decimal } from 'decimal.js'
import {
  type CalendarPeriodOptions,
  periodGrid,
  periodIndex,
  readPeriodLayout,
} from '../core/calendarPeriods.js'
import { MetricInputError } from '../core/MetricInputError.js'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  type MoneySum,
  moneySumOrZero,
} from '../core/moneySum.js'
import { requireInstant, requireOneOf } from '../core/validate.js'
import type { CustomerActivity } from './CustomerActivity.js'

/** What a cohort cell measures. */
export const COHORT_BASES = ['logo', 'revenue'] as const
/** One of {@link COHORT_BASES}. */
export type CohortBasis = (typeof COHORT_BASES)[number]

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions extends CalendarPeriodOptions {
  /** `'logo'` (default): share of the cohort's customers active; `'revenue'`: revenue vs age 0. */
  readonly basis?: CohortBasis
  /** Extend the table to the period holding `asOf` (periods without activity count as 0, not unknown). */
  readonly asOf?: Date
}

/** One cohort: the customers whose first activity fell in `cohort`. */
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

/** Retention at one age, pooled over the cohorts observable at that age. */
export interface PooledRetention {
  readonly age: number
  /** Σ active / Σ size (logo) or Σ revenue / Σ age-0 revenue, weighting cohorts by size. */
  readonly retention: number | null
  /** How many cohorts are observable at this age. */
  readonly cohorts: number
}

/** The result of {@link cohortRetention}. */
export interface CohortRetentionResult {
  readonly basis: CohortBasis
  /** Labels of every period of the table, oldest first. */
  readonly periods: string[]
  /** Non-empty cohorts, oldest first. */
  readonly cohorts: CohortRow[]
  /** One entry per age. */
  readonly pooled: PooledRetention[]
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
 * @param activity - Activity rows; `revenue` is required with `basis: 'revenue'`.
 * @param options - `basis` (`'logo'`), `period` (`'month'`), `timeZone` (`'UTC'`), `asOf`, …
 * @returns `{ basis, periods, cohorts, pooled }`; empty lists for no activity.
 * @throws MetricInputError `INVALID_DATE`, `MISSING_VALUE` (customerId, or revenue with the
 *   revenue basis), `NEGATIVE_VALUE` / `NOT_FINITE` (revenue), `VALUE_OUT_OF_RANGE`
 *   (activity after `asOf`), `INVALID_OPTION`.
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
 */
export function cohortRetention(
  activity: readonly CustomerActivity[],
  options: CohortRetentionOptions = {},
): CohortRetentionResult {
  const metric = 'cohortRetention'
  const basis = requireOneOf(options.basis ?? 'logo', COHORT_BASES, metric, 'basis')
  const layout = readPeriodLayout(options, metric)
  const asOf =
    options.asOf === undefined
      ? null
      : requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  if (activity.length === 0) return { basis, periods: [], cohorts: [], pooled: [] }

  // Pass 1: validate, encode customers, find each customer's first activity.
  const times = new Float64Array(activity.length)
  const customerOf = new Int32Array(activity.length)
  const codeOf = new Map<string, number>()
  const firstTimes: number[] = []
  let earliest = Number.POSITIVE_INFINITY
  let latest = Number.NEGATIVE_INFINITY
  for (let index = 0; index < activity.length; index++) {
    const row = activity[index] as CustomerActivity
    if (typeof row.customerId !== 'string' || row.customerId === '') {
      throw missing(metric, index, 'customerId', 'every row needs a customer')
    }
    const time = requireInstant(row.at, metric, [index, 'at'], `at of index ${index}`)
    if (asOf !== null && time > asOf) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: [index, 'at'],
        message: `${metric}: at of index ${index} is ${row.at.toISOString()}, after asOf ${new Date(asOf).toISOString()}`,
      })
    }
    if (basis === 'revenue' && row.revenue === undefined) {
      throw missing(metric, index, 'revenue', "revenue cohorts need each row's revenue")
    }
    let code = codeOf.get(row.customerId)
    if (code === undefined) {
      code = firstTimes.length
      codeOf.set(row.customerId, code)
      firstTimes.push(time)
    } else if (time < (firstTimes[code] as number)) {
      firstTimes[code] = time
    }
    times[index] = time
    customerOf[index] = code
    if (time < earliest) earliest = time
    if (time > latest) latest = time
  }
  const grid = periodGrid(earliest, asOf === null ? latest : Math.max(latest, asOf), layout)
  const periods = grid.labels.length
  const cohortOf = Int32Array.from(firstTimes, (time) => periodIndex(grid.starts, time))

  // Pass 2: count each customer once per period, and sum revenue per cell.
  const size = new Float64Array(periods)
  for (const cohort of cohortOf) size[cohort] = (size[cohort] as number) + 1
  const active = new Float64Array(periods * periods) // [cohort * periods + age]
  const seen = new Uint8Array(firstTimes.length * periods)
  const revenue: (MoneySum | undefined)[] = basis === 'revenue' ? new Array(periods * periods) : []
  const context: MoneyContext = { metric, allowNegative: false, field: 'revenue' }
  for (let index = 0; index < activity.length; index++) {
    const customer = customerOf[index] as number
    const period = periodIndex(grid.starts, times[index] as number)
    const cohort = cohortOf[customer] as number
    const cell = cohort * periods + (period - cohort)
    if (seen[customer * periods + period] === 0) {
      seen[customer * periods + period] = 1
      active[cell] = (active[cell] as number) + 1
    }
    if (basis === 'revenue') {
      const sum = revenue[cell] ?? createMoneySum()
      revenue[cell] = sum
      addMoney(sum, (activity[index] as CustomerActivity).revenue!, context, index)
    }
  }
  return summarise(basis, grid, size, active, revenue)
}

function summarise(
  basis: CohortBasis,
  grid: ReturnType<typeof periodGrid>,
  size: Float64Array,
  active: Float64Array,
  revenue: (MoneySum | undefined)[],
): CohortRetentionResult {
  const periods = grid.labels.length
  const cohorts: CohortRow[] = []
  // Pooled sums per age: customers (logo) or revenue (revenue basis), and their bases.
  const pooledActive = new Float64Array(periods)
  const pooledSize = new Float64Array(periods)
  const pooledRevenue: Decimal[] = []
  const pooledBase: Decimal[] = []
  const pooledCount = new Float64Array(periods)
  for (let cohort = 0; cohort < periods; cohort++) {
    const cohortSize = size[cohort] as number
    if (cohortSize === 0) continue
    const observable = periods - cohort
    const activeRow: (number | null)[] = []
    const revenueRow: (Decimal | null)[] = []
    const retention: (number | null)[] = []
    const base = basis === 'revenue' ? moneySumOrZero(revenue[cohort * periods]) : null
    for (let age = 0; age < periods; age++) {
      if (age >= observable) {
        activeRow.push(null)
        revenueRow.push(null)
        retention.push(null)
        continue
      }
      const count = active[cohort * periods + age] as number
      activeRow.push(count)
      pooledCount[age] = (pooledCount[age] as number) + 1
      if (base === null) {
        retention.push(count / cohortSize)
        pooledActive[age] = (pooledActive[age] as number) + count
        pooledSize[age] = (pooledSize[age] as number) + cohortSize
      } else {
        const amount = moneySumOrZero(revenue[cohort * periods + age])
        revenueRow.push(amount)
        retention.push(base.isZero() ? null : amount.div(base).toNumber())
        pooledRevenue[age] = pooledRevenue[age]?.plus(amount) ?? amount
        pooledBase[age] = pooledBase[age]?.plus(base) ?? base
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
    if (count > 0 && basis === 'logo') {
      retention = (pooledActive[age] as number) / (pooledSize[age] as number)
    } else if (count > 0 && !(pooledBase[age] as Decimal).isZero()) {
      retention = (pooledRevenue[age] as Decimal).div(pooledBase[age] as Decimal).toNumber()
    }
    pooled.push({ age, retention, cohorts: count })
  }
  return { basis, periods: [...grid.labels], cohorts, pooled }
}

function missing(metric: string, index: number, field: string, why: string): MetricInputError {
  return new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: [index, field],
    message: `${metric}: ${field} at index ${index} is missing; ${why}`,
  })
}
