import type { Decimal } from 'decimal.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
} from '../core/currencyConversion.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireCurrency, requireProbability, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'

/**
 * Options of {@link weightedPipeline}: currency conversion.
 *
 * @category Pipeline
 */
export type WeightedPipelineOptions = CurrencyConversionOptions

/**
 * The weighted (probability-adjusted) pipeline: the sum over open deals of amount × win
 * probability — the expected value of what is still open, the basis of a pipeline forecast.
 *
 * ```text
 * weighted pipeline = Σ_{open} amount × probability
 * ```
 * Exact: amounts and probabilities are multiplied as scaled integers (a float loop drifts by
 * cents over a million deals), with decimal.js only for the rare amount that does not fit.
 * Closed deals are skipped; an open deal without a probability is an error, never a silent 0.
 *
 * @param opportunities - Deals; open ones need `probability` (0..1).
 * @param options - `rates` and `baseCurrency` to convert currencies exactly.
 * @returns The total as a `Decimal`; `Decimal(0)` when nothing is open.
 * @throws MetricInputError `MISSING_VALUE` / `RATE_OUT_OF_RANGE` (probability),
 *   `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `VALUE_OUT_OF_RANGE` (not an array), `INVALID_RECORD` (a row that is not an object), `INVALID_OPTION`,
 *   `VALUE_OUT_OF_RANGE` (a total too large for exact decimals, e.g. `'1e9000000000000001'`).
 * @example
 * ```ts
 * const open = (amount: number, probability: number) =>
 *   ({ id: String(amount), createdAt: new Date('2026-01-01'), amount, status: 'open' as const, probability, stageHistory: [] })
 * weightedPipeline([open(10000, 0.25), open(4000.1, 0.5)]).toString() // => '4500.05'
 * ```
 * @see fivetran/dbt_salesforce `sum(amount * probability)`; frappe/crm#798.
 * @category Pipeline
 */
export function weightedPipeline(
  opportunities: readonly Opportunity[],
  options?: WeightedPipelineOptions,
): Decimal {
  return guardInput('weightedPipeline', () =>
    sumWeightedPipeline(opportunities, options, 'weightedPipeline'),
  )
}

/**
 * The weighted total of `list` on behalf of `metric` (also the aggregator's `add`, which
 * passes its own name so errors blame the function the caller used). Internal.
 */
export function sumWeightedPipeline(
  list: readonly Opportunity[],
  given: WeightedPipelineOptions | undefined,
  metric: string,
): Decimal {
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const converter = readCurrencyOptions(requireRatesOption(options, metric), metric)
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const sum = createMoneySum()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (requireStatus(opportunity, index, metric) !== 'open') continue
    const probability = requireProbability(opportunity, index, metric)
    const rate = conversionFactor(converter, requireCurrency(opportunity, index, metric), index)
    const factor =
      rate === 1 ? probability : (rate as Decimal).times(new MoneyDecimal(String(probability)))
    addMoneyTimes(sum, opportunity.amount, factor, context, index)
  }
  return finiteMoney(moneySumValue(sum), metric, 'the weighted pipeline')
}
