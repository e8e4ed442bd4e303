import type { Decimal } from 'decimal.js'
import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { mergeCurrencies } from '../core/currency.js'
import {
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  readStateMoney,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireCurrency, requireProbability, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { sumWeightedPipeline, type WeightedPipelineOptions } from './weightedPipeline.js'

/**
 * The JSON-serialisable state of {@link weightedPipelineAggregator}.
 *
 * @category Pipeline
 */
export interface WeightedPipelineAggregatorState {
  /** The exact weighted total so far, as a decimal string. */
  readonly total: string
  /** The currency of the total (`null` until a deal names one). */
  readonly currency: string | null
}

const STATE_SHAPE: StateShape = { total: 'string', currency: 'string-or-null' }

/**
 * The weighted-pipeline aggregator, with `addAll` for adding a batch of deals in one pass.
 *
 * @category Pipeline
 */
export interface WeightedPipelineAggregator
  extends Aggregator<WeightedPipelineAggregatorState, Opportunity, Decimal> {
  /**
   * A new state with every deal of `opportunities` added, in order: the same state as
   * folding `add` over them, and the same error for the first bad deal (path `[index, …]`).
   */
  addAll(
    state: WeightedPipelineAggregatorState,
    opportunities: readonly Opportunity[],
  ): WeightedPipelineAggregatorState
}

/** `CURRENCY_MISMATCH` for deal `index` naming `found` where the state holds `expected`. */
function currencyMismatch(
  metric: string,
  index: number,
  found: string,
  expected: string,
): MetricInputError {
  return new MetricInputError({
    code: 'CURRENCY_MISMATCH',
    metric,
    path: [index, 'currency'],
    message: `${metric}: currency at index ${index} is ${JSON.stringify(found)} but the total so far is in ${JSON.stringify(expected)}; convert amounts to one currency first`,
  })
}

/**
 * A mergeable weighted pipeline: Σ amount × probability over open deals, added per part
 * and merged in any order into exactly the one-shot `weightedPipeline` (decimal strings in
 * the state, so nothing is lost between processes).
 *
 * ```text
 * state = { total, currency };  add = total + amount × probability (open deals);  merge = sum
 * ```
 * `merge` and `result` check a state before using it: a foreign, incomplete or tampered
 * state (a negative or non-decimal total) is refused.
 *
 * @param options - As `weightedPipeline`: `rates` / `baseCurrency`.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Opportunity`, `addAll`
 *   a list of them in one pass (the same state as folding `add`; `groupMetric` uses it);
 *   `result` is a `Decimal`.
 * @throws MetricInputError as `weightedPipeline` for a bad deal (path `[index, …]` into the
 *   list for `addAll`); `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is given no array; `CURRENCY_MISMATCH` when
 *   parts of different currencies meet; `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE`
 *   for a state this aggregator did not make (path `['a', 'total']` … in `merge`).
 * @example
 * ```ts
 * const pipeline = weightedPipelineAggregator()
 * const open = (amount: number, probability: number) =>
 *   ({ id: String(amount), createdAt: new Date('2026-01-01'), amount, status: 'open' as const, probability, stageHistory: [] })
 * const state = pipeline.merge(pipeline.add(pipeline.initial(), open(10000, 0.25)), pipeline.add(pipeline.initial(), open(4000.1, 0.5)))
 * pipeline.result(state).toString() // => '4500.05'
 * pipeline.addAll(pipeline.initial(), [open(10000, 0.25), open(4000.1, 0.5)]).total // => '4500.05'
 * ```
 * @see weightedPipeline.
 * @category Pipeline
 */
export function weightedPipelineAggregator(
  options?: WeightedPipelineOptions,
): WeightedPipelineAggregator {
  const metric = 'weightedPipelineAggregator'
  const checked = guardInput(metric, () => readOptions(options, metric))
  const base = guardInput(metric, () =>
    resultCurrency(readCurrencyOptions(requireRatesOption(checked, metric), metric)),
  )
  /** A checked state and its total as a Decimal. */
  const read = (state: unknown, at: MetricInputPath) => {
    const clean = readState<WeightedPipelineAggregatorState>(state, STATE_SHAPE, metric, at)
    return { total: readStateMoney(clean.total, metric, at, 'total'), currency: clean.currency }
  }
  const readAt = (state: unknown, at: MetricInputPath) => guardInput(metric, () => read(state, at))
  const combine = (a: string | null, b: string | null) => base ?? mergeCurrencies(metric, a, b)
  return {
    initial: () => ({ total: '0', currency: base }),
    add(state, opportunity) {
      return guardInput(metric, () => {
        const current = read(state, [])
        const open = requireStatus(opportunity, 0, metric) === 'open'
        const value = sumWeightedPipeline([opportunity], checked, metric)
        if (!open) return state
        return {
          total: finiteMoney(current.total.plus(value), metric, 'the total').toString(),
          currency: combine(
            current.currency,
            requireCurrency(opportunity, 0, metric, ['currency']) ?? null,
          ),
        }
      })
    },
    addAll(state, opportunities) {
      return guardInput(metric, () => {
        const current = read(state, ['state'])
        const list = requireList(opportunities, metric, 'opportunities')
        // A fresh converter per batch, as `add` makes one per deal: its tracker is unused,
        // the state's currency is tracked below.
        const converter = readCurrencyOptions(requireRatesOption(checked, metric), metric)
        const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
        const sum = createMoneySum()
        let currency = current.currency
        for (let index = 0; index < list.length; index++) {
          const opportunity = list[index] as Opportunity
          if (requireStatus(opportunity, index, metric) !== 'open') continue
          const probability = requireProbability(opportunity, index, metric)
          const named = requireCurrency(opportunity, index, metric)
          const rate = converter.rates === null ? 1 : conversionFactor(converter, named, index)
          const factor =
            rate === 1
              ? probability
              : (rate as Decimal).times(new MoneyDecimal(String(probability)))
          addMoneyTimes(sum, opportunity.amount, factor, context, index)
          if (base === null && named !== undefined && named !== currency) {
            if (currency !== null) throw currencyMismatch(metric, index, named, currency)
            currency = named
          }
        }
        return {
          total: finiteMoney(
            current.total.plus(moneySumValue(sum)),
            metric,
            'the total',
          ).toString(),
          currency: base ?? currency,
        }
      })
    },
    merge(a, b) {
      const left = readAt(a, ['a'])
      const right = readAt(b, ['b'])
      return {
        total: finiteMoney(left.total.plus(right.total), metric, 'the total').toString(),
        currency: combine(left.currency, right.currency),
      }
    },
    result: (state) => readAt(state, []).total,
  }
}
