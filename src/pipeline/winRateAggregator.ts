import type { Aggregator } from '../core/Aggregator.js'
import { criticalValue } from '../core/criticalValue.js'
import { mergeCurrencies } from '../core/currency.js'
import {
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
  toMoneyDecimal,
} from '../core/moneySum.js'
import { requireNonNegative, requireOneOf } from '../core/validate.js'
import type { Opportunity } from './Opportunity.js'
import { requireClosedAtPresent, requireStatus } from './pipelineKernel.js'
import {
  WIN_RATE_BASES,
  type WinRateAmountResult,
  type WinRateCountResult,
  type WinRateOptions,
  winRateOfAmounts,
  winRateOfCounts,
} from './winRate.js'

/** The JSON-serialisable state of {@link winRateAggregator}. */
export interface WinRateAggregatorState {
  /** Won deals (count), or their exact value as a decimal string (`by: 'amount'`). */
  readonly won: number | string
  readonly lost: number | string
  /** The currency of the amounts so far (amount form; `null` until a deal names one). */
  readonly currency: string | null
}

/**
 * A mergeable win rate: add deals per part (open ones are skipped), merge parts in any
 * order, and get exactly the one-shot `winRate` — counts with their Wilson interval, or
 * exact amounts kept as decimal strings.
 *
 * ```text
 * state = { won, lost };  merge = sums;  result = won / (won + lost)
 * ```
 *
 * @param options - As `winRate`: `by`, `confidence`, `rates` / `baseCurrency`.
 * @returns `{ initial, add, merge, result }`; `add` takes one `Opportunity`.
 * @throws MetricInputError as `winRate` for a bad deal; `CURRENCY_MISMATCH` when parts of
 *   different currencies meet; `NEGATIVE_VALUE` / `NOT_FINITE` for a corrupted state.
 * @example
 * ```ts
 * const rates = winRateAggregator()
 * const deal = (status: 'won' | 'lost') => ({ id: status, createdAt: new Date('2026-01-01'),
 *   closedAt: new Date('2026-01-09'), amount: 1, status, stageHistory: [] })
 * const state = rates.merge(rates.add(rates.initial(), deal('won')), rates.add(rates.initial(), deal('lost')))
 * rates.result(state).rate // => 0.5
 * ```
 * @see winRate.
 */
export function winRateAggregator(
  options: WinRateOptions = {},
): Aggregator<WinRateAggregatorState, Opportunity, WinRateCountResult | WinRateAmountResult> {
  const metric = 'winRateAggregator'
  const byAmount = requireOneOf(options.by ?? 'count', WIN_RATE_BASES, metric, 'by') === 'amount'
  const z = criticalValue(options.confidence ?? 0.95, metric)
  const converter = readCurrencyOptions(options, metric)
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const readAmount = (value: number | string, field: string) =>
    toMoneyDecimal(value, { metric, allowNegative: false }, field)
  const sameCurrency = (a: string | null, b: string | null) => mergeCurrencies(metric, a, b)
  return {
    initial: () => ({
      won: byAmount ? '0' : 0,
      lost: byAmount ? '0' : 0,
      currency: byAmount ? resultCurrency(converter) : null,
    }),
    add(state, opportunity) {
      const status = requireStatus(opportunity, 0, metric)
      if (status === 'open') return state
      requireClosedAtPresent(opportunity, 0, metric)
      const field = status === 'won' ? 'won' : 'lost'
      if (!byAmount) return { ...state, [field]: (state[field] as number) + 1 }
      // Without rates, the state (not the converter, which is shared by every call) holds the currency.
      const factor =
        converter.rates === null ? 1 : conversionFactor(converter, opportunity.currency, null)
      const sum = createMoneySum()
      addMoneyTimes(sum, opportunity.amount, factor, context, 0)
      const currency = converter.base ?? sameCurrency(state.currency, opportunity.currency ?? null)
      return {
        ...state,
        [field]: moneySumValue(sum).plus(readAmount(state[field], field)).toString(),
        currency,
      }
    },
    merge(a, b) {
      if (!byAmount) {
        return {
          won:
            requireNonNegative(a.won as number, metric, ['a', 'won'], 'won') +
            requireNonNegative(b.won as number, metric, ['b', 'won'], 'won'),
          lost:
            requireNonNegative(a.lost as number, metric, ['a', 'lost'], 'lost') +
            requireNonNegative(b.lost as number, metric, ['b', 'lost'], 'lost'),
          currency: null,
        }
      }
      return {
        won: readAmount(a.won, 'won').plus(readAmount(b.won, 'won')).toString(),
        lost: readAmount(a.lost, 'lost').plus(readAmount(b.lost, 'lost')).toString(),
        currency: sameCurrency(a.currency, b.currency),
      }
    },
    result(state) {
      if (!byAmount) {
        return winRateOfCounts(
          requireNonNegative(state.won as number, metric, ['won'], 'won'),
          requireNonNegative(state.lost as number, metric, ['lost'], 'lost'),
          z,
        )
      }
      return winRateOfAmounts(
        readAmount(state.won, 'won'),
        readAmount(state.lost, 'lost'),
        state.currency,
      )
    },
  }
}
