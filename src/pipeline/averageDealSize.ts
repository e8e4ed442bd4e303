import type { Decimal } from 'decimal.js'
import { regularizedIncompleteBeta } from '../core/betaQuantile.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import type { GroupKey, GroupMetricRow } from '../core/groupMetric.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { isDecimal, MoneyDecimal, type MoneyInput } from '../core/MoneyInput.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
  toMoneyDecimal,
} from '../core/moneySum.js'
import { studentTQuantile } from '../core/studentTQuantile.js'
import { requireConfidence, requireOneOf } from '../core/validate.js'
import { requireClosedAt, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { type RecordPeriodOptions, recordCells, wantsFill } from './recordCells.js'

/**
 * The interval methods of {@link averageDealSize}: `'mean-t'` (default), Student's t
 * interval on the mean; `'median-order'`, the distribution-free order-statistic interval
 * on the median.
 *
 * @category Pipeline
 */
export const AVERAGE_DEAL_SIZE_METHODS = ['mean-t', 'median-order'] as const

/**
 * One of {@link AVERAGE_DEAL_SIZE_METHODS}.
 *
 * @category Pipeline
 */
export type AverageDealSizeMethod = (typeof AVERAGE_DEAL_SIZE_METHODS)[number]

/**
 * Options of {@link averageDealSize}.
 *
 * @category Pipeline
 */
export interface AverageDealSizeOptions extends CurrencyConversionOptions {
  /** `'mean-t'` (default) or `'median-order'`: which interval `lower`/`upper` are. */
  readonly method?: AverageDealSizeMethod
  /** Confidence of the interval, strictly between 0 and 1; default 0.95. */
  readonly confidence?: number
  /** The group of a deal (owner, segment, source, …); with it the result is rows. */
  readonly by?: (opportunity: Opportunity, index: number) => GroupKey | undefined
  /** Calendar periods of the close date (`date` defaults to `closedAt`); with it the result is rows with `change`. */
  readonly period?: RecordPeriodOptions<Opportunity>
}

/**
 * The result of {@link averageDealSize} (one group and period).
 *
 * @category Pipeline
 */
export interface AverageDealSizeResult {
  /** Won deals. */
  readonly count: number
  /** Their exact total (converted with `rates`). */
  readonly total: Decimal
  /** total / count (34 significant digits); `null` with no won deal. */
  readonly mean: Decimal | null
  /** The middle amount (mean of the two middle ones for an even count); `null` with none. */
  readonly median: Decimal | null
  /** Sample standard deviation of the amounts (n − 1); `null` below 2 deals. */
  readonly standardDeviation: number | null
  /** Lower bound of the `method`'s interval; `null` when it is undefined (see the doc). */
  readonly lower: number | null
  /** Upper bound of the same interval. */
  readonly upper: number | null
  readonly confidence: number
  readonly method: AverageDealSizeMethod
  /** The currency of the amounts (the base with `rates`); `null` when no deal named one. */
  readonly currency: string | null
  /** With `period`: the mean of the previous period of the same group; else `null`. */
  readonly previousMean: Decimal | null
  /** With `period`: mean / previousMean − 1; `null` without both means or with a previous mean of 0. */
  readonly change: number | null
}

/**
 * A row of {@link averageDealSize} with `by` or `period`, in `groupMetric`'s shape.
 *
 * @category Pipeline
 */
export type AverageDealSizeRow = GroupMetricRow<AverageDealSizeResult>

const METRIC = 'averageDealSize'

/**
 * Average deal size: the mean amount of won deals (Salesforce's and HubSpot's "average
 * deal size" — won revenue ÷ won deals; open and lost deals are left out), with the median,
 * an interval that needs no bootstrap, and per owner / segment / period its change against
 * the previous period.
 *
 * ```text
 * mean = Σ amount(won) / n (exact);  s = sample standard deviation
 * 'mean-t':       mean ± t(1 − α/2; n − 1) · s / √n              (n ≥ 2, else null)
 * 'median-order': [x₍ᵣ₎, x₍ₙ₋ᵣ₊₁₎], r the largest with P(B ≤ r − 1) ≤ α/2, B ~ Bin(n, ½)
 *                 (coverage ≥ confidence; null when 2⁻ⁿ > α/2, i.e. n ≤ 5 at 95 %)
 * change = mean / mean(previous period of the same group) − 1
 * ```
 * Deal sizes are skewed: a few large deals pull the mean, so report the median beside it
 * and prefer `'median-order'` for small or very skewed samples.
 *
 * @param opportunities - Deals; won ones need `closedAt` and `amount`.
 * @param options - `method` (`'mean-t'`), `confidence` (0.95), `by`, `period` (`{ unit,
 *   timeZone, date = closedAt, fiscalYearStartMonth, weekStartsOn, fill }`), `rates` / `baseCurrency`.
 * @returns One result; with `by` or `period`, rows `{ group, period, result, n }` (n = won deals).
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (status; not an array), `MISSING_VALUE`
 *   (`closedAt`, `amount` of a won deal), `INVALID_DATE`, `END_BEFORE_START`,
 *   `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `INVALID_OPTION` (method, confidence, by, period, rates, options), `INVALID_RECORD`.
 * @example
 * ```ts
 * const won = (amount: number, owner: string) => ({ id: owner + amount, createdAt: new Date('2026-01-02'),
 *   closedAt: new Date('2026-01-20'), amount, status: 'won' as const, stageHistory: [], ownerId: owner })
 * const deals = [won(1000, 'ana'), won(3000, 'ana'), won(2000, 'ben')]
 * averageDealSize(deals).mean?.toString() // => '2000'
 * averageDealSize(deals, { by: (deal) => deal.ownerId ?? null }).map((row) => [row.group, row.result.mean?.toNumber()])
 * // => [['ana', 2000], ['ben', 2000]]
 * ```
 * @see Salesforce, "Average deal size" (help.salesforce.com, Sales Analytics KPIs); W. J.
 *   Conover (1999), Practical Nonparametric Statistics, 3rd ed., §3.2 (quantile interval).
 * @category Pipeline
 */
export function averageDealSize(
  opportunities: readonly Opportunity[],
  options?: AverageDealSizeOptions & { readonly by?: undefined; readonly period?: undefined },
): AverageDealSizeResult
/** @category Pipeline */
export function averageDealSize(
  opportunities: readonly Opportunity[],
  options: AverageDealSizeOptions,
): AverageDealSizeRow[]
/** @category Pipeline */
export function averageDealSize(
  opportunities: readonly Opportunity[],
  options?: AverageDealSizeOptions,
): AverageDealSizeResult | AverageDealSizeRow[] {
  return guardInput(METRIC, () => computeAverageDealSize(opportunities, options))
}

function computeAverageDealSize(
  list: readonly Opportunity[],
  given: AverageDealSizeOptions | undefined,
): AverageDealSizeResult | AverageDealSizeRow[] {
  const opportunities = requireList(list, METRIC, 'opportunities')
  const options = readOptions(given, METRIC)
  const method = requireOneOf(
    options.method ?? 'mean-t',
    AVERAGE_DEAL_SIZE_METHODS,
    METRIC,
    'method',
  )
  const confidence = requireConfidence(options.confidence ?? 0.95, METRIC)
  const converter = readCurrencyOptions(requireRatesOption(options, METRIC), METRIC)
  const context: MoneyContext = { metric: METRIC, allowNegative: false, field: 'amount' }
  // Pass 1: check every deal; keep the won ones with their conversion factor and a float copy.
  const won: number[] = []
  // Dense, by deal index: the float amount, and (with rates only) the conversion factor.
  const values = new Float64Array(opportunities.length)
  const factors: (number | Decimal)[] | null =
    converter.rates === null ? null : new Array(opportunities.length).fill(1)
  const check = createMoneySum()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (requireStatus(opportunity, index, METRIC) !== 'won') continue
    requireClosedAt(opportunity, index, METRIC)
    const amount = requireAmount(opportunity, index, METRIC)
    const factor = conversionFactor(converter, requireCurrency(opportunity, index, METRIC), index)
    addMoneyTimes(check, amount, factor, context, index)
    won.push(index)
    if (factors !== null) factors[index] = factor
    values[index] = floatOf(amount) * (factor === 1 ? 1 : (factor as Decimal).toNumber())
  }
  const wonTotal = finiteMoney(moneySumValue(check), METRIC, 'the won amount')
  const currency = resultCurrency(converter)
  const summarise = (members: readonly number[], total: Decimal | null) =>
    summary(opportunities, members, total, factors, values, method, confidence, currency, context)
  if (options.by === undefined && options.period === undefined) return summarise(won, wonTotal)
  const cells = recordCells(
    opportunities,
    won,
    METRIC,
    options.by,
    options.period,
    (opportunity) => opportunity.closedAt as Date,
    true,
  )
  const keepEmpty = wantsFill(options.period)
  const rows: AverageDealSizeRow[] = []
  let previous: AverageDealSizeResult | null = null
  let previousGroup: GroupKey | undefined
  for (let cell = 0; cell < cells.length; cell++) {
    const { group, period, members } = cells[cell] as (typeof cells)[number]
    let result = summarise(members, null)
    if (period !== null) {
      const before = previousGroup === group && previous !== null ? previous.mean : null
      result = { ...result, previousMean: before, change: relativeChange(result.mean, before) }
    }
    previous = result
    previousGroup = group
    if (members.length > 0 || keepEmpty || period === null) {
      rows.push({ group, period, result, n: members.length })
    }
  }
  return rows
}

/** `amount` of deal `index` that must be valued: `MISSING_VALUE` when absent. Internal. */
export function requireAmount(opportunity: Opportunity, index: number, metric: string): MoneyInput {
  const amount = (opportunity as { readonly amount?: MoneyInput }).amount
  if (amount !== undefined) return amount
  throw new MetricInputError({
    code: 'MISSING_VALUE',
    metric,
    path: [index, 'amount'],
    message: `${metric}: amount at index ${index} is missing; a won deal needs its amount here`,
  })
}

/**
 * mean ± t(1 − α/2; n − 1) · s / √n; `[null, null]` without a standard deviation or when a
 * bound is not a finite number (amounts beyond the float range). Internal.
 */
export function tInterval(
  mean: number,
  standardDeviation: number | null,
  count: number,
  confidence: number,
): [number | null, number | null] {
  if (standardDeviation === null) return [null, null]
  const half =
    (studentTQuantile(1 - (1 - confidence) / 2, count - 1) * standardDeviation) / Math.sqrt(count)
  const lower = mean - half
  const upper = mean + half
  if (!(Number.isFinite(lower) && Number.isFinite(upper))) return [null, null]
  return [lower === 0 ? 0 : lower, upper === 0 ? 0 : upper]
}

/** A checked amount as a float. Internal. */
export function floatOf(amount: MoneyInput): number {
  if (typeof amount === 'number') return amount
  if (typeof amount === 'string') return Number(amount.trim())
  return isDecimal(amount) ? amount.toNumber() : Number.NaN
}

function relativeChange(mean: Decimal | null, before: Decimal | null): number | null {
  if (mean === null || before === null || before.isZero()) return null
  const change = mean.div(before).minus(1).toNumber()
  return change === 0 ? 0 : change
}

/**
 * The result over the won deals `members` (indices into `opportunities`); `known` is their
 * exact total when already summed (the call without groups), else `null`.
 */
function summary(
  opportunities: readonly Opportunity[],
  members: readonly number[],
  known: Decimal | null,
  factors: readonly (number | Decimal)[] | null,
  values: Float64Array,
  method: AverageDealSizeMethod,
  confidence: number,
  currency: string | null,
  context: MoneyContext,
): AverageDealSizeResult {
  const count = members.length
  let total = known
  if (total === null) {
    const sum = createMoneySum()
    for (let member = 0; member < count; member++) {
      const index = members[member] as number
      const amount = (opportunities[index] as Opportunity).amount
      addMoneyTimes(
        sum,
        amount,
        factors === null ? 1 : (factors[index] as number | Decimal),
        context,
        index,
      )
    }
    total = finiteMoney(moneySumValue(sum), METRIC, 'the won amount')
  }
  const mean = count === 0 ? null : total.div(count)
  const sorted = new Float64Array(count)
  for (let member = 0; member < count; member++) {
    sorted[member] = values[members[member] as number] as number
  }
  sorted.sort()
  /** The exact amount whose float is the `rank`-th smallest. */
  const exactAt = (rank: number): Decimal => {
    const target = sorted[rank] as number
    let found = members[0] as number
    for (let member = 0; member < count; member++) {
      const index = members[member] as number
      if (values[index] === target) {
        found = index
        break
      }
    }
    // Checked when the amounts were read: a won deal here has an amount.
    return toMoneyDecimal(
      (opportunities[found] as Opportunity).amount as MoneyInput,
      context,
      found,
    ).times(factors === null ? 1 : (factors[found] as number | Decimal))
  }
  const median =
    count === 0
      ? null
      : count % 2 === 1
        ? exactAt((count - 1) / 2)
        : exactAt(count / 2 - 1)
            .plus(exactAt(count / 2))
            .div(2)
  const meanValue = mean === null ? 0 : mean.toNumber()
  let squares = 0
  for (let member = 0; member < count; member++) {
    const deviation = (sorted[member] as number) - meanValue
    squares += deviation * deviation
  }
  const standardDeviation =
    count < 2 || !Number.isFinite(squares) ? null : Math.sqrt(squares / (count - 1))
  let lower: number | null = null
  let upper: number | null = null
  if (method === 'mean-t') {
    ;[lower, upper] = tInterval(meanValue, standardDeviation, count, confidence)
  } else if (count > 0) {
    const rank = orderStatisticRank(count, (1 - confidence) / 2)
    const low = sorted[rank - 1] as number
    const high = sorted[count - rank] as number
    if (rank > 0 && Number.isFinite(low) && Number.isFinite(high)) {
      lower = low + 0
      upper = high + 0
    }
  }
  return {
    count,
    total,
    mean,
    median: median === null ? null : new MoneyDecimal(median),
    standardDeviation,
    lower,
    upper,
    confidence,
    method,
    currency,
    previousMean: null,
    change: null,
  }
}

/**
 * The r of the order-statistic interval [x₍ᵣ₎, x₍ₙ₋ᵣ₊₁₎] for the median of n values: the
 * largest r with P(B ≤ r − 1) ≤ tail for B ~ Bin(n, ½); 0 when even r = 1 fails
 * (2⁻ⁿ > tail). P(B ≤ k) = I_½(n − k, k + 1). Internal.
 */
export function orderStatisticRank(count: number, tail: number): number {
  // P(B ≤ k) for k < n, from the regularized incomplete beta function.
  const cdf = (k: number) => regularizedIncompleteBeta(0.5, count - k, k + 1)
  if (!(cdf(0) <= tail)) return 0
  // Largest k in [0, ⌊(n − 1)/2⌋] with cdf(k) ≤ tail (cdf increases with k).
  let low = 0
  let high = Math.floor((count - 1) / 2)
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (cdf(middle) <= tail) low = middle
    else high = middle - 1
  }
  return low + 1
}
