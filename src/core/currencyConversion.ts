import type { Decimal } from 'decimal.js'
import { type CurrencyTracker, createCurrencyTracker, trackCurrency } from './currency.js'
import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'
import type { MoneyInput } from './MoneyInput.js'
import { toMoneyDecimal } from './moneySum.js'

/**
 * Options of the functions that add amounts of several currencies.
 *
 * @category Core
 */
export interface CurrencyConversionOptions {
  /**
   * Exchange rates into `baseCurrency`: units of the base per one unit of each currency,
   * e.g. `{ EUR: '1.08', GBP: '1.27' }` with `baseCurrency: 'USD'`. Without rates, all
   * amounts must share one currency (`CURRENCY_MISMATCH`).
   */
  readonly rates?: Readonly<Record<string, MoneyInput>>
  /** The currency results are expressed in; required with `rates`. */
  readonly baseCurrency?: string
}

/**
 * Turns each record's currency into the factor its amount is multiplied by: 1 without
 * conversion (and a check that every record shares one currency), or the exact rate.
 * Internal; a private mutable object that never escapes a call.
 */
export interface CurrencyConverter {
  readonly tracker: CurrencyTracker
  readonly base: string | null
  readonly rates: ReadonlyMap<string, Decimal> | null
}

export function readCurrencyOptions(
  options: CurrencyConversionOptions,
  metric: string,
): CurrencyConverter {
  const tracker = createCurrencyTracker(metric)
  if (options.rates === undefined) return { tracker, base: null, rates: null }
  const base = options.baseCurrency
  if (typeof base !== 'string' || base === '') {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['baseCurrency'],
      message: `${metric}: option baseCurrency is ${describeValue(base)}; it is required with rates`,
    })
  }
  const rates = new Map<string, Decimal>()
  for (const [currency, rate] of Object.entries(options.rates)) {
    const value = toMoneyDecimal(rate, { metric, allowNegative: false, list: 'rates' }, currency)
    if (value.isZero()) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['rates', currency],
        message: `${metric}: the rate of ${currency} is 0; exchange rates must be positive`,
      })
    }
    rates.set(currency, value)
  }
  return { tracker, base, rates }
}

/**
 * The factor for the amount of record `index` (its currency at path `[index, 'currency']`,
 * or `['currency']` for a lone record with index `null`).
 */
export function conversionFactor(
  converter: CurrencyConverter,
  currency: string | undefined,
  index: number | null,
): number | Decimal {
  if (currency === undefined) return 1
  const pathOf = (): MetricInputPath => (index === null ? ['currency'] : [index, 'currency'])
  if (converter.rates === null) {
    if (currency !== converter.tracker.currency) trackCurrency(converter.tracker, currency, pathOf)
    return 1
  }
  if (currency === converter.base) return 1
  const rate = converter.rates.get(currency)
  if (rate === undefined) {
    const path = pathOf()
    throw new MetricInputError({
      code: 'MISSING_FX_RATE',
      metric: converter.tracker.metric,
      path,
      message: `${converter.tracker.metric}: no exchange rate from ${currency} to ${converter.base} for ${path.join('.')}; add it to rates`,
    })
  }
  return rate
}

/** The currency of the results: the base, or the one currency the records shared. */
export function resultCurrency(converter: CurrencyConverter): string | null {
  return converter.base ?? converter.tracker.currency
}
