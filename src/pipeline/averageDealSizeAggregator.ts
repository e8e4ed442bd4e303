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
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireConfidence } from '../core/validate.js'
import { requireClosedAt, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import {
  type AverageDealSizeOptions,
  type AverageDealSizeResult,
  floatOf,
  requireAmount,
  tInterval,
} from './averageDealSize.js'

/**
 * The JSON-serialisable state of {@link averageDealSizeAggregator}.
 *
 * @category Pipeline
 */
export interface AverageDealSizeAggregatorState {
  /** Won deals added. */
  readonly count: number
  /** Their exact total as a decimal string. */
  readonly total: string
  /** Σ (x − mean)² of the amounts as floats (merged with Chan, Golub & LeVeque's update). */
  readonly squaredDeviations: number
  /** The currency of the amounts so far (`null` until a deal names one; the base with `rates`). */
  readonly currency: string | null
}

/**
 * The average-deal-size aggregator, with `addAll` for a batch of deals in one pass.
 *
 * @category Pipeline
 */
export interface AverageDealSizeAggregator
  extends Aggregator<AverageDealSizeAggregatorState, Opportunity, AverageDealSizeResult> {
  /** A new state with every deal of `opportunities` added (the same as folding `add`). */
  addAll(
    state: AverageDealSizeAggregatorState,
    opportunities: readonly Opportunity[],
  ): AverageDealSizeAggregatorState
}

const SHAPE: StateShape = {
  count: 'count',
  total: 'string',
  squaredDeviations: 'non-negative',
  currency: 'string-or-null',
}

interface Checked {
  readonly count: number
  readonly total: Decimal
  readonly squaredDeviations: number
  readonly currency: string | null
}

/**
 * A mergeable average deal size (the `'mean-t'` form of `averageDealSize`): add deals per
 * part (open and lost ones are skipped), merge parts in any order, and get the one-shot
 * count, exact total and mean, standard deviation and t interval. The median is not
 * additive: `median` is always `null` here.
 *
 * ```text
 * state = { count, total (exact), squaredDeviations M₂, currency }
 * merge: n = nₐ + n_b,  δ = mean_b − meanₐ,  M₂ = M₂ₐ + M₂_b + δ²·nₐ·n_b / n
 * result: mean = total / n;  s = √(M₂ / (n − 1));  mean ± t(1 − α/2; n − 1)·s/√n
 * ```
 * Counts and totals merge exactly; M₂ is a float sum, equal to the one-shot value within
 * 1e-12 relative for ordinary data.
 *
 * @param options - `confidence` (0.95), `rates` / `baseCurrency`; `method` may only be `'mean-t'`.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes one `Opportunity`.
 * @throws MetricInputError as `averageDealSize` for a bad deal (path `[index, …]` for
 *   `addAll`); `INVALID_OPTION` (`['method']` other than `'mean-t'`, confidence, rates);
 *   `CURRENCY_MISMATCH` when parts of different currencies meet; `INVALID_STATE`,
 *   `NEGATIVE_VALUE`, `NOT_FINITE` for a state this aggregator did not make.
 * @example
 * ```ts
 * const sizes = averageDealSizeAggregator()
 * const won = (amount: number) => ({ id: String(amount), createdAt: new Date('2026-01-01'),
 *   closedAt: new Date('2026-01-09'), amount, status: 'won' as const, stageHistory: [] })
 * const state = sizes.merge(sizes.add(sizes.initial(), won(1000)), sizes.addAll(sizes.initial(), [won(2000), won(3000)]))
 * sizes.result(state).mean?.toString() // => '2000'
 * sizes.result(state).standardDeviation // => 1000
 * ```
 * @see averageDealSize; T. F. Chan, G. H. Golub, R. J. LeVeque (1979), "Updating formulae
 *   and a pairwise algorithm for computing sample variances".
 * @category Pipeline
 */
export function averageDealSizeAggregator(
  options?: Omit<AverageDealSizeOptions, 'by' | 'period'>,
): AverageDealSizeAggregator {
  const metric = 'averageDealSizeAggregator'
  const checked = guardInput(metric, () => readOptions(options, metric))
  const confidence = guardInput(metric, () => requireConfidence(checked.confidence ?? 0.95, metric))
  guardInput(metric, () => {
    if (checked.method !== undefined && checked.method !== 'mean-t') {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['method'],
        message: `${metric}: option method is ${JSON.stringify(String(checked.method))}; only 'mean-t' is additive (the median needs every amount: use averageDealSize)`,
      })
    }
  })
  const converter = guardInput(metric, () =>
    readCurrencyOptions(requireRatesOption(checked, metric), metric),
  )
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const read = (state: unknown, at: MetricInputPath): Checked => {
    const clean = readState<AverageDealSizeAggregatorState>(state, SHAPE, metric, at)
    return { ...clean, total: readStateMoney(clean.total, metric, at, 'total') }
  }
  /** The state after adding `list` (validated deals) to `current`. */
  const addDeals = (current: Checked, list: readonly Opportunity[], single: boolean) => {
    const sum = createMoneySum()
    const values: number[] = []
    let currency = current.currency
    for (let index = 0; index < list.length; index++) {
      const opportunity = list[index] as Opportunity
      const key = single ? 0 : index
      if (requireStatus(opportunity, key, metric) !== 'won') continue
      requireClosedAt(opportunity, key, metric)
      const amount = requireAmount(opportunity, key, metric)
      const named = requireCurrency(opportunity, key, metric, single ? ['currency'] : undefined)
      const factor =
        converter.rates === null ? 1 : conversionFactor(converter, named, single ? null : index)
      addMoneyTimes(sum, amount, factor, context, key)
      values.push(floatOf(amount) * (factor === 1 ? 1 : (factor as Decimal).toNumber()))
      if (converter.base === null && named !== undefined && named !== currency) {
        if (currency !== null) {
          throw new MetricInputError({
            code: 'CURRENCY_MISMATCH',
            metric,
            path: single ? ['currency'] : [index, 'currency'],
            message: `${metric}: currency ${JSON.stringify(named)} but the amounts so far are in ${JSON.stringify(currency)}; convert amounts to one currency first`,
          })
        }
        currency = named
      }
    }
    const count = values.length
    if (count === 0) return stateOf(current)
    const total = finiteMoney(moneySumValue(sum), metric, 'total')
    const mean = total.toNumber() / count
    let squares = 0
    for (let index = 0; index < count; index++) {
      const deviation = (values[index] as number) - mean
      squares += deviation * deviation
    }
    return stateOf(
      combine(current, { count, total, squaredDeviations: squares, currency }, (a, b) =>
        converter.base === null ? mergeCurrencies(metric, a, b) : converter.base,
      ),
    )
  }
  return {
    initial: () => ({
      count: 0,
      total: '0',
      squaredDeviations: 0,
      currency: resultCurrency(converter),
    }),
    add(state, opportunity) {
      return guardInput(metric, () => addDeals(read(state, []), [opportunity], true))
    },
    addAll(state, opportunities) {
      return guardInput(metric, () =>
        addDeals(
          read(state, ['state']),
          requireList(opportunities, metric, 'opportunities'),
          false,
        ),
      )
    },
    merge(a, b) {
      return guardInput(metric, () =>
        stateOf(combine(read(a, ['a']), read(b, ['b']), (x, y) => mergeCurrencies(metric, x, y))),
      )
    },
    result(state) {
      return guardInput(metric, () => resultOf(read(state, []), confidence))
    },
  }
}

/** A float sum that overflowed is kept as `Number.MAX_VALUE` (read back as "too large"). */
function stateOf(checked: Checked): AverageDealSizeAggregatorState {
  const squares = checked.squaredDeviations
  return {
    count: checked.count,
    total: checked.total.toString(),
    squaredDeviations: Number.isFinite(squares) ? squares : Number.MAX_VALUE,
    currency: checked.currency,
  }
}

/** Chan, Golub & LeVeque's merge of two (count, total, M₂) summaries. */
function combine(
  a: Checked,
  b: Checked,
  currencies: (a: string | null, b: string | null) => string | null,
): Checked {
  const currency = currencies(a.currency, b.currency)
  if (a.count === 0) return { ...b, currency }
  if (b.count === 0) return { ...a, currency }
  const count = a.count + b.count
  const delta = b.total.toNumber() / b.count - a.total.toNumber() / a.count
  const squaredDeviations =
    a.squaredDeviations + b.squaredDeviations + ((delta * delta * a.count) / count) * b.count
  return {
    count,
    total: a.total.plus(b.total),
    squaredDeviations,
    currency,
  }
}

function resultOf(state: Checked, confidence: number): AverageDealSizeResult {
  const { count, total } = state
  const mean = count === 0 ? null : total.div(count)
  const squares = state.squaredDeviations
  const standardDeviation =
    count < 2 || squares >= Number.MAX_VALUE ? null : Math.sqrt(squares / (count - 1))
  const [lower, upper] =
    mean === null ? [null, null] : tInterval(mean.toNumber(), standardDeviation, count, confidence)
  return {
    count,
    total,
    mean,
    median: null,
    standardDeviation,
    lower,
    upper,
    confidence,
    method: 'mean-t',
    currency: state.currency,
    previousMean: null,
    change: null,
  }
}
