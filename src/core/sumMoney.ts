import type { Decimal } from 'decimal.js'
import type { MoneyInput } from './MoneyInput.js'
import {
  addMoney,
  addScaled,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
  POWERS_OF_TEN,
} from './moneySum.js'
import { asMetricInputError, readOptions, requireList } from './validate.js'

/**
 * Options of {@link sumMoney}.
 *
 * @category Core
 */
export interface SumMoneyOptions {
  /** Accept amounts below zero (credits, refunds); default `false`. */
  readonly allowNegative?: boolean
}

/**
 * The exact sum of a list of amounts — never a float sum, so `0.1 + 0.2` is `0.3` and a
 * million cents add up to the cent.
 *
 * ```text
 * total = Σ amountᵢ   (exact decimal arithmetic)
 * ```
 * Numbers are read as their shortest round-trip decimal (`String(x)`), strings as plain
 * decimals. Internally amounts are summed as integers scaled by 10^k (k = most decimal
 * places seen, ≤ 6) while the total is a safe integer, and in decimal.js beyond that, so a
 * large sum costs a few times a float loop, not a `Decimal` per row.
 *
 * @param amounts - The amounts: numbers, decimal strings or `Decimal`s.
 * @param options - `allowNegative`, default `false`.
 * @returns The total as a `Decimal`; `Decimal(0)` for an empty list.
 * @throws MetricInputError `NOT_FINITE` (NaN, Infinity, a non-decimal string),
 *   `NEGATIVE_VALUE` (unless allowed), each with the index in `path`; `VALUE_OUT_OF_RANGE`
 *   for an amount or a total that 34 significant digits cannot hold exactly (`1e34 + 1`), or
 *   an exponent beyond ±9e15, and for `amounts` that is not a list; `INVALID_OPTION`.
 * @example
 * ```ts
 * sumMoney([0.1, 0.2]).toString() // => '0.3'
 * sumMoney(['19.99', 5, '0.01']).toString() // => '25'
 * ```
 * @see SPEC.md "Money" — exact sums in scaled integers with a decimal.js fallback.
 * @category Core
 */
export function sumMoney(amounts: ArrayLike<MoneyInput>, options: SumMoneyOptions = {}): Decimal {
  try {
    requireList(amounts, 'sumMoney', [], 'amounts')
    const sum = createMoneySum()
    const allowNegative = readOptions(options, 'sumMoney').allowNegative === true
    const context: MoneyContext = { metric: 'sumMoney', allowNegative }
    // Fast path: numbers that fit the current scale are added to a local integer; anything
    // else (a new scale, a string, a Decimal, a refusal) goes through addMoney.
    let units = 0
    let scale = 0
    let power = 1
    for (let index = 0; index < amounts.length; index++) {
      const value = amounts[index] as MoneyInput
      if (typeof value === 'number' && (value >= 0 || (allowNegative && value < 0))) {
        const scaled = Math.round(value * power)
        const next = units + scaled
        if (
          scaled / power === value &&
          next <= Number.MAX_SAFE_INTEGER &&
          next >= -Number.MAX_SAFE_INTEGER
        ) {
          units = next
          continue
        }
      }
      addScaled(sum, units, scale)
      units = 0
      addMoney(sum, value, context, index)
      scale = sum.scale
      power = POWERS_OF_TEN[scale as 0]
    }
    addScaled(sum, units, scale)
    return moneySumValue(sum)
  } catch (error) {
    throw asMetricInputError(error, 'sumMoney')
  }
}
