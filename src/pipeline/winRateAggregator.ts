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
  readCriticalValue,
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
import { requireClosedAtPresent, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import {
  readWinRateBasis,
  type WinRateOptions,
  type WinRateResult,
  winRateOfAmounts,
  winRateOfCounts,
} from './winRate.js'

/**
 * The JSON-serialisable state of {@link winRateAggregator}.
 *
 * @category Pipeline
 */
export interface WinRateAggregatorState {
  /** Won deals (count), or their exact value as a decimal string (`basis: 'amount'`). */
  readonly won: number | string
  readonly lost: number | string
  /** The currency of the amounts so far (amount form; `null` until a deal names one). */
  readonly currency: string | null
}

const COUNT_STATE: StateShape = { won: 'count', lost: 'count', currency: 'string-or-null' }
const AMOUNT_STATE: StateShape = { won: 'string', lost: 'string', currency: 'string-or-null' }

/**
 * The win-rate aggregator, with `addAll` for adding a batch of deals in one pass.
 *
 * @category Pipeline
 */
export interface WinRateAggregator
  extends Aggregator<WinRateAggregatorState, Opportunity, WinRateResult> {
  /**
   * A new state with every deal of `opportunities` added, in order: the same state as
   * folding `add` over them, and the same error for the first bad deal (path `[index, …]`).
   */
  addAll(
    state: WinRateAggregatorState,
    opportunities: readonly Opportunity[],
  ): WinRateAggregatorState
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
    message: `${metric}: currency at index ${index} is ${JSON.stringify(found)} but the amounts so far are in ${JSON.stringify(expected)}; convert amounts to one currency first`,
  })
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
 * @param options - As `winRate`: `basis` (or its SPEC alias `by`), `confidence`, `rates` /
 *   `baseCurrency`; `INVALID_OPTION` for a bad value or for options that are not an object.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Opportunity`,
 *   `addAll` a list of them in one pass (the same state as folding `add`, without a new
 *   state per deal; `groupMetric` uses it).
 * @throws MetricInputError as `winRate` for a bad deal (path `[index, …]` into the list
 *   for `addAll`); `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is given no array; `CURRENCY_MISMATCH` when parts of
 *   different currencies meet; `INVALID_STATE`, `NEGATIVE_VALUE`, `NOT_FINITE` for a state
 *   this aggregator did not make — foreign, incomplete, a fractional or negative count, a
 *   negative or non-decimal amount (path `['a', 'won']` … in `merge`).
 * @example
 * ```ts
 * const rates = winRateAggregator()
 * const deal = (status: 'won' | 'lost') => ({ id: status, createdAt: new Date('2026-01-01'),
 *   closedAt: new Date('2026-01-09'), amount: 1, status, stageHistory: [] })
 * const state = rates.merge(rates.add(rates.initial(), deal('won')), rates.add(rates.initial(), deal('lost')))
 * rates.result(state).rate // => 0.5
 * rates.result(rates.addAll(rates.initial(), [deal('won'), deal('won'), deal('lost')])).won // => 2
 * ```
 * @see winRate.
 * @category Pipeline
 */
export function winRateAggregator(options?: WinRateOptions): WinRateAggregator {
  const metric = 'winRateAggregator'
  const checked = guardInput(metric, () => readOptions(options, metric))
  const byAmount = guardInput(metric, () => readWinRateBasis(checked, metric) === 'amount')
  const confidence = checked.confidence ?? 0.95
  const z = guardInput(metric, () => readCriticalValue(confidence, metric))
  const converter = guardInput(metric, () =>
    readCurrencyOptions(requireRatesOption(checked, metric), metric),
  )
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const sameCurrency = (a: string | null, b: string | null) => mergeCurrencies(metric, a, b)
  /** A checked state: counts, or exact amounts with their currency. */
  const read = (state: unknown, at: MetricInputPath) => {
    if (!byAmount) {
      const clean = readState<{ won: number; lost: number }>(state, COUNT_STATE, metric, at)
      return { won: clean.won, lost: clean.lost, currency: null }
    }
    const clean = readState<{ won: string; lost: string; currency: string | null }>(
      state,
      AMOUNT_STATE,
      metric,
      at,
    )
    return {
      won: readStateMoney(clean.won, metric, at, 'won'),
      lost: readStateMoney(clean.lost, metric, at, 'lost'),
      currency: clean.currency,
    }
  }
  return {
    initial: () => ({
      won: byAmount ? '0' : 0,
      lost: byAmount ? '0' : 0,
      currency: byAmount ? resultCurrency(converter) : null,
    }),
    add(state, opportunity) {
      return guardInput(metric, () => {
        const current = read(state, [])
        const status = requireStatus(opportunity, 0, metric)
        if (status === 'open') return state
        requireClosedAtPresent(opportunity, 0, metric)
        const field = status === 'won' ? 'won' : 'lost'
        if (typeof current.won === 'number' && typeof current.lost === 'number') {
          return {
            won: current.won,
            lost: current.lost,
            currency: null,
            [field]: (current[field] as number) + 1,
          }
        }
        // Without rates, the state (not the converter, which is shared by every call) holds the currency.
        const factor =
          converter.rates === null
            ? 1
            : conversionFactor(
                converter,
                requireCurrency(opportunity, 0, metric, ['currency']),
                null,
              )
        const sum = createMoneySum()
        addMoneyTimes(sum, opportunity.amount, factor, context, 0)
        const currency =
          converter.base ??
          sameCurrency(
            current.currency,
            requireCurrency(opportunity, 0, metric, ['currency']) ?? null,
          )
        const total = finiteMoney(moneySumValue(sum).plus(current[field] as Decimal), metric, field)
        return {
          won: current.won.toString(),
          lost: current.lost.toString(),
          currency,
          [field]: total.toString(),
        }
      })
    },
    addAll(state, opportunities) {
      return guardInput(metric, () => {
        const current = read(state, ['state'])
        const list = requireList(opportunities, metric, 'opportunities')
        if (typeof current.won === 'number' && typeof current.lost === 'number') {
          let won = current.won
          let lost = current.lost
          for (let index = 0; index < list.length; index++) {
            const opportunity = list[index] as Opportunity
            const status = requireStatus(opportunity, index, metric)
            if (status === 'open') continue
            requireClosedAtPresent(opportunity, index, metric)
            if (status === 'won') won++
            else lost++
          }
          return { won, lost, currency: null }
        }
        const wonSum = createMoneySum()
        const lostSum = createMoneySum()
        let currency = current.currency
        for (let index = 0; index < list.length; index++) {
          const opportunity = list[index] as Opportunity
          const status = requireStatus(opportunity, index, metric)
          if (status === 'open') continue
          requireClosedAtPresent(opportunity, index, metric)
          const named = requireCurrency(opportunity, index, metric)
          // As `add`: without rates, the state's currency (not the shared converter) is tracked.
          const factor = converter.rates === null ? 1 : conversionFactor(converter, named, index)
          addMoneyTimes(
            status === 'won' ? wonSum : lostSum,
            opportunity.amount,
            factor,
            context,
            index,
          )
          if (converter.base === null && named !== undefined && named !== currency) {
            if (currency !== null) throw currencyMismatch(metric, index, named, currency)
            currency = named
          }
        }
        return {
          won: finiteMoney(
            moneySumValue(wonSum).plus(current.won as Decimal),
            metric,
            'won',
          ).toString(),
          lost: finiteMoney(
            moneySumValue(lostSum).plus(current.lost as Decimal),
            metric,
            'lost',
          ).toString(),
          currency: converter.base ?? currency,
        }
      })
    },
    merge(a, b) {
      return guardInput(metric, () => {
        const left = read(a, ['a'])
        const right = read(b, ['b'])
        if (typeof left.won === 'number' && typeof right.won === 'number') {
          return {
            won: left.won + right.won,
            lost: (left.lost as number) + (right.lost as number),
            currency: null,
          }
        }
        const plus = (x: unknown, y: unknown, field: string) =>
          finiteMoney((x as Decimal).plus(y as Decimal), metric, field).toString()
        return {
          won: plus(left.won, right.won, 'won'),
          lost: plus(left.lost, right.lost, 'lost'),
          currency: sameCurrency(left.currency, right.currency),
        }
      })
    },
    result(state) {
      return guardInput(metric, () => {
        const clean = read(state, [])
        if (typeof clean.won === 'number' && typeof clean.lost === 'number') {
          return winRateOfCounts(clean.won, clean.lost, z, confidence)
        }
        return winRateOfAmounts(clean.won as Decimal, clean.lost as Decimal, clean.currency)
      })
    },
  }
}
