import type { Decimal } from 'decimal.js'
import type { Aggregator } from '../core/Aggregator.js'
import { mergeCurrencies } from '../core/currency.js'
import { readCurrencyOptions, resultCurrency } from '../core/currencyConversion.js'
import { type MoneyContext, toMoneyDecimal } from '../core/moneySum.js'
import type { Opportunity } from './Opportunity.js'
import { type WeightedPipelineOptions, weightedPipeline } from './weightedPipeline.js'

/** The JSON-serialisable state of {@link weightedPipelineAggregator}. */
export interface WeightedPipelineAggregatorState {
  /** The exact weighted total so far, as a decimal string. */
  readonly total: string
  /** The currency of the total (`null` until a deal names one). */
  readonly currency: string | null
}

/**
 * A mergeable weighted pipeline: Σ amount × probability over open deals, added per part
 * and merged in any order into exactly the one-shot `weightedPipeline` (decimal strings in
 * the state, so nothing is lost between processes).
 *
 * ```text
 * state = { total };  add = total + amount × probability (open deals);  merge = sum
 * ```
 *
 * @param options - As `weightedPipeline`: `rates` / `baseCurrency`.
 * @returns `{ initial, add, merge, result }`; `add` takes one `Opportunity`; `result` is a `Decimal`.
 * @throws MetricInputError as `weightedPipeline` for a bad deal; `CURRENCY_MISMATCH` when
 *   parts of different currencies meet.
 * @example
 * ```ts
 * const pipeline = weightedPipelineAggregator()
 * const open = (amount: number, probability: number) =>
 *   ({ id: String(amount), createdAt: new Date('2026-01-01'), amount, status: 'open' as const, probability, stageHistory: [] })
 * const state = pipeline.merge(pipeline.add(pipeline.initial(), open(10000, 0.25)), pipeline.add(pipeline.initial(), open(4000.1, 0.5)))
 * pipeline.result(state).toString() // => '4500.05'
 * ```
 * @see weightedPipeline.
 */
export function weightedPipelineAggregator(
  options: WeightedPipelineOptions = {},
): Aggregator<WeightedPipelineAggregatorState, Opportunity, Decimal> {
  const metric = 'weightedPipelineAggregator'
  const base = resultCurrency(readCurrencyOptions(options, metric))
  const context: MoneyContext = { metric, allowNegative: false }
  const read = (total: string) => toMoneyDecimal(total, context, 'total')
  const combine = (a: string | null, b: string | null) => base ?? mergeCurrencies(metric, a, b)
  return {
    initial: () => ({ total: '0', currency: base }),
    add(state, opportunity) {
      const value = weightedPipeline([opportunity], options)
      if (value.isZero() && opportunity.status !== 'open') return state
      return {
        total: read(state.total).plus(value).toString(),
        currency: combine(
          state.currency,
          opportunity.status === 'open' ? (opportunity.currency ?? null) : null,
        ),
      }
    },
    merge: (a, b) => ({
      total: read(a.total).plus(read(b.total)).toString(),
      currency: combine(a.currency, b.currency),
    }),
    result: (state) => read(state.total),
  }
}
