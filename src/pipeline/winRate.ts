import type { Decimal } from 'decimal.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import {
  finiteMoney,
  guardInput,
  readCriticalValue,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import {
  METRIC_BASES,
  type MetricBasis,
  readAliasedOption,
  requireOneOf,
} from '../core/validate.js'
import { type WilsonIntervalResult, wilsonBounds } from '../core/wilsonInterval.js'
import { requireClosedAtPresent, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

/**
 * What {@link winRate} counts: the shared {@link METRIC_BASES}, `'count'` or `'amount'`.
 *
 * @example
 * ```ts
 * WIN_RATE_BASES // => ['count', 'amount']
 * ```
 * @category Pipeline
 */
export const WIN_RATE_BASES = METRIC_BASES
/**
 * One of {@link WIN_RATE_BASES}.
 *
 * @category Pipeline
 */
export type WinRateBasis = MetricBasis

/**
 * Options of {@link winRate}.
 *
 * @category Pipeline
 */
export interface WinRateOptions extends CurrencyConversionOptions {
  /** `'count'` (default): deals; `'amount'`: deal value. */
  readonly basis?: WinRateBasis
  /**
   * The SPEC name of `basis`, still accepted; both given and different is `INVALID_OPTION`.
   *
   * @deprecated Use `basis`.
   */
  readonly by?: WinRateBasis
  /** Confidence of the Wilson interval (count form); default 0.95. */
  readonly confidence?: number
}

/**
 * Win rate by count.
 *
 * @category Pipeline
 */
export interface WinRateCountResult {
  /** won / (won + lost); `null` when nothing closed. */
  readonly rate: number | null
  readonly won: number
  readonly lost: number
  /**
   * Lower bound of the Wilson interval of the rate; `null` when nothing closed. Always
   * present on what `winRate` returns; optional in the type only so that results built by
   * hand for 0.1 (`{ rate, won, lost, interval }`) still type-check.
   */
  readonly lower?: number | null
  /** Upper bound of the Wilson interval of the rate; `null` when nothing closed (as `lower`). */
  readonly upper?: number | null
  /** Confidence level of `lower` / `upper` (as `lower`, always present on results). */
  readonly confidence?: number
  /**
   * The same bounds nested, `{ lower, upper }`; `null` when nothing closed.
   *
   * @deprecated Read the flat `lower` and `upper`; kept for 0.2.
   */
  readonly interval: WilsonIntervalResult | null
}

/**
 * Win rate by amount.
 *
 * @category Pipeline
 */
export interface WinRateAmountResult {
  /** won value / closed value; `null` when the closed value is 0. */
  readonly rate: number | null
  readonly won: Decimal
  readonly lost: Decimal
  /** Always `null`: no interval for a ratio of amounts. */
  readonly lower: null
  /** Always `null`: no interval for a ratio of amounts. */
  readonly upper: null
  /**
   * Always `null`.
   *
   * @deprecated Read the flat `lower` and `upper`; kept for 0.2.
   */
  readonly interval: null
  /** Currency of the amounts (the base with `rates`), `null` if no deal named one. */
  readonly currency: string | null
}

/**
 * The result of {@link winRate}: {@link WinRateCountResult} by count,
 * {@link WinRateAmountResult} by amount.
 *
 * @category Pipeline
 */
export type WinRateResult = WinRateCountResult | WinRateAmountResult

/**
 * Win rate: the share of closed deals that were won — Salesforce's `WON:SUM / CLOSED:SUM`,
 * HubSpot's won / (won + lost). Open deals are excluded; counting them ("% of all created")
 * is a different metric. By count it comes with a Wilson interval, because a rep with 7
 * closed deals has a very uncertain win rate.
 *
 * ```text
 * by count:  rate = #won / (#won + #lost)               interval: Wilson
 * by amount: rate = Σ amount(won) / Σ amount(won + lost)  (exact decimals, converted with rates)
 * ```
 * Disqualified deals must be marked lost, or the rate is inflated.
 *
 * @param opportunities - Deals; closed ones need `closedAt`.
 * @param options - `basis` (`'count'`; `by` is its SPEC alias), `confidence` (0.95),
 *   `rates` / `baseCurrency`.
 * @returns `{ rate, won, lost, lower, upper, confidence, interval }` (+ `currency` by
 *   amount); `rate` is `null` when nothing closed; `interval` is the deprecated nested form
 *   of `lower` / `upper`.
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` (status), `MISSING_VALUE` (closedAt),
 *   `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `INVALID_OPTION` (basis or by — also both given and different —, confidence — also one too close to 1 —, rates, options),
 *   `VALUE_OUT_OF_RANGE` (not an array, path `[]`), `INVALID_RECORD` (a row that is not an object, `[i]`; a
 *   currency that is not a string), `VALUE_OUT_OF_RANGE` (a total too large for exact
 *   decimals).
 * @example
 * ```ts
 * const closed = (status: 'won' | 'lost', amount: number) =>
 *   ({ id: status + amount, createdAt: new Date('2026-01-01'), closedAt: new Date('2026-02-01'), amount, status, stageHistory: [] })
 * const deals = [closed('won', 100), closed('lost', 300), closed('won', 100)]
 * winRate(deals).rate // => 0.6666666666666666
 * winRate(deals, { basis: 'amount' }).rate // => 0.4
 * ```
 * @see help.salesforce.com article 000387867; fivetran/dbt_salesforce (value win %).
 * @category Pipeline
 */
export function winRate(
  opportunities: readonly Opportunity[],
  options?: WinRateOptions & { readonly basis?: 'count'; readonly by?: 'count' },
): WinRateCountResult
/** @category Pipeline */
export function winRate(
  opportunities: readonly Opportunity[],
  options: WinRateOptions & ({ readonly basis: 'amount' } | { readonly by: 'amount' }),
): WinRateAmountResult
/** @category Pipeline */
export function winRate(
  opportunities: readonly Opportunity[],
  options?: WinRateOptions,
): WinRateResult
/** @category Pipeline */
export function winRate(
  opportunities: readonly Opportunity[],
  options?: WinRateOptions,
): WinRateResult {
  return guardInput('winRate', () => computeWinRate(opportunities, options))
}

function computeWinRate(
  list: readonly Opportunity[],
  given: WinRateOptions | undefined,
): WinRateCountResult | WinRateAmountResult {
  const metric = 'winRate'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const by = readWinRateBasis(options, metric)
  const confidence = options.confidence ?? 0.95
  const z = readCriticalValue(confidence, metric)
  if (by === 'count') {
    let won = 0
    let lost = 0
    for (let index = 0; index < opportunities.length; index++) {
      const opportunity = opportunities[index] as Opportunity
      const status = requireStatus(opportunity, index, metric)
      if (status === 'open') continue
      requireClosedAtPresent(opportunity, index, metric)
      if (status === 'won') won++
      else lost++
    }
    return winRateOfCounts(won, lost, z, confidence)
  }
  const converter = readCurrencyOptions(requireRatesOption(options, metric), metric)
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const wonSum = createMoneySum()
  const lostSum = createMoneySum()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    const status = requireStatus(opportunity, index, metric)
    if (status === 'open') continue
    requireClosedAtPresent(opportunity, index, metric)
    const factor = conversionFactor(converter, requireCurrency(opportunity, index, metric), index)
    addMoneyTimes(status === 'won' ? wonSum : lostSum, opportunity.amount, factor, context, index)
  }
  return winRateOfAmounts(
    finiteMoney(moneySumValue(wonSum), metric, 'the won amount'),
    finiteMoney(moneySumValue(lostSum), metric, 'the lost amount'),
    resultCurrency(converter),
  )
}

/**
 * Option `basis` (or its SPEC alias `by`), default `'count'`: `INVALID_OPTION` for another
 * value or for both given and different. Internal.
 */
export function readWinRateBasis(options: WinRateOptions, metric: string): WinRateBasis {
  const basis = readAliasedOption<WinRateBasis>(options, 'basis', 'by', metric)
  return requireOneOf(
    basis ?? 'count',
    WIN_RATE_BASES,
    metric,
    options.basis === undefined && options.by !== undefined ? 'by' : 'basis',
  )
}

/** The count result of validated counts. Internal. */
export function winRateOfCounts(
  won: number,
  lost: number,
  z: number,
  confidence: number,
): WinRateCountResult {
  const closed = won + lost
  const interval = wilsonBounds(won, closed, z)
  return {
    rate: closed === 0 ? null : won / closed,
    won,
    lost,
    lower: interval === null ? null : interval.lower,
    upper: interval === null ? null : interval.upper,
    confidence,
    interval,
  }
}

/** The amount result of exact totals. Internal. */
export function winRateOfAmounts(
  won: Decimal,
  lost: Decimal,
  currency: string | null,
): WinRateAmountResult {
  const closed = won.plus(lost)
  return {
    rate: closed.isZero() ? null : won.div(closed).toNumber(),
    won,
    lost,
    lower: null,
    upper: null,
    interval: null,
    currency,
  }
}
