import { Decimal } from 'decimal.js'

/**
 * An amount of money as callers hold it: a JavaScript number (read as its shortest
 * round-trip decimal, so `0.1` is exactly one tenth), a plain decimal string
 * (`'1234.56'`, `' 1e3 '`), or a `Decimal` from decimal.js.
 * @category Core
 */
export type MoneyInput = number | string | Decimal

/**
 * The library's private decimal.js constructor: 34 significant digits (IEEE 754
 * decimal128), round half to even. Never configured globally, so a caller's own
 * `Decimal.set` neither affects nor is affected by cx-metrics. Internal.
 */
export const MoneyDecimal = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -21,
  toExpPos: 34,
})

/** `true` for a decimal.js value of any clone. Internal. */
export function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value)
}
