import type { Decimal } from 'decimal.js'
import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { mergeCurrencies } from '../core/currency.js'
import {
  type CurrencyConversionOptions,
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
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireInstant } from '../core/validate.js'
import { requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import type { PipelineCreatedResult } from './pipelineCreated.js'

/**
 * The JSON-serialisable state of {@link pipelineCreatedAggregator}.
 *
 * @category Pipeline
 */
export interface PipelineCreatedAggregatorState {
  readonly count: number
  /** The exact amount as a decimal string. */
  readonly amount: string
  readonly withoutAmount: number
  readonly currency: string | null
}

/**
 * The pipeline-created aggregator, with `addAll` for a batch of deals in one pass.
 *
 * @category Pipeline
 */
export interface PipelineCreatedAggregator
  extends Aggregator<PipelineCreatedAggregatorState, Opportunity, PipelineCreatedResult> {
  /** A new state with every deal of `opportunities` added (the same as folding `add`). */
  addAll(
    state: PipelineCreatedAggregatorState,
    opportunities: readonly Opportunity[],
  ): PipelineCreatedAggregatorState
}

const SHAPE: StateShape = {
  count: 'count',
  amount: 'string',
  withoutAmount: 'count',
  currency: 'string-or-null',
}

/**
 * A mergeable {@link pipelineCreated} for one cell: count, exact amount and deals without
 * an amount of the opportunities added — with `groupMetric` (period by `createdAt`) it gives
 * `pipelineCreated`'s rows, and split across workers it merges exactly.
 *
 * ```text
 * state = { count, amount (exact), withoutAmount, currency };  merge = sums
 * ```
 *
 * @param options - `rates` / `baseCurrency`.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Opportunity`.
 * @throws MetricInputError as `pipelineCreated` for a bad deal (path `[index, …]` for
 *   `addAll`); `CURRENCY_MISMATCH` when parts of different currencies meet;
 *   `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE` for a state this aggregator did not make.
 * @example
 * ```ts
 * const created = pipelineCreatedAggregator()
 * const deal = (amount: number) => ({ id: String(amount), createdAt: new Date('2026-01-05'),
 *   amount, status: 'open' as const, stageHistory: [] })
 * const state = created.merge(created.add(created.initial(), deal(0.1)), created.addAll(created.initial(), [deal(0.2)]))
 * created.result(state).amount.toString() // => '0.3'
 * ```
 * @see pipelineCreated.
 * @category Pipeline
 */
export function pipelineCreatedAggregator(
  options?: CurrencyConversionOptions,
): PipelineCreatedAggregator {
  const metric = 'pipelineCreatedAggregator'
  const checked = guardInput(metric, () => readOptions(options, metric))
  const converter = guardInput(metric, () =>
    readCurrencyOptions(requireRatesOption(checked, metric), metric),
  )
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const read = (state: unknown, at: MetricInputPath) => {
    const clean = readState<PipelineCreatedAggregatorState>(state, SHAPE, metric, at)
    return { ...clean, amount: readStateMoney(clean.amount, metric, at, 'amount') }
  }
  const addDeals = (
    state: unknown,
    at: MetricInputPath,
    list: readonly Opportunity[],
    single: boolean,
  ): PipelineCreatedAggregatorState => {
    const current = read(state, at)
    const sum = createMoneySum()
    let count = current.count
    let withoutAmount = current.withoutAmount
    let currency = current.currency
    for (let index = 0; index < list.length; index++) {
      const opportunity = list[index] as Opportunity
      const key = single ? 0 : index
      requireStatus(opportunity, key, metric)
      requireInstant(opportunity.createdAt, metric, [key, 'createdAt'], `createdAt at index ${key}`)
      count++
      const amount = (opportunity as { readonly amount?: Opportunity['amount'] }).amount
      if (amount === undefined) {
        withoutAmount++
        continue
      }
      const named = requireCurrency(opportunity, key, metric)
      const factor = converter.rates === null ? 1 : conversionFactor(converter, named, key)
      addMoneyTimes(sum, amount, factor, context, key)
      if (converter.base === null && named !== undefined && named !== currency) {
        if (currency !== null) {
          throw new MetricInputError({
            code: 'CURRENCY_MISMATCH',
            metric,
            path: [key, 'currency'],
            message: `${metric}: currency at index ${key} is ${JSON.stringify(named)} but the amounts so far are in ${JSON.stringify(currency)}; convert amounts to one currency first`,
          })
        }
        currency = named
      }
    }
    const total: Decimal = finiteMoney(moneySumValue(sum).plus(current.amount), metric, 'amount')
    return { count, amount: total.toString(), withoutAmount, currency: converter.base ?? currency }
  }
  return {
    initial: () => ({
      count: 0,
      amount: '0',
      withoutAmount: 0,
      currency: resultCurrency(converter),
    }),
    add(state, opportunity) {
      return guardInput(metric, () => addDeals(state, [], [opportunity], true))
    },
    addAll(state, opportunities) {
      return guardInput(metric, () =>
        addDeals(state, ['state'], requireList(opportunities, metric, 'opportunities'), false),
      )
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = read(a, ['a'])
        const right = read(b, ['b'])
        return {
          count: left.count + right.count,
          amount: finiteMoney(left.amount.plus(right.amount), metric, 'amount').toString(),
          withoutAmount: left.withoutAmount + right.withoutAmount,
          currency: mergeCurrencies(metric, left.currency, right.currency),
        }
      })
    },
    result(state) {
      return guardInput(metric, () => {
        const clean = read(state, [])
        return {
          count: clean.count,
          amount: clean.amount,
          withoutAmount: clean.withoutAmount,
          currency: clean.currency,
        }
      })
    },
  }
}
