import { Decimal } from 'decimal.js'

/**
 * The Stripe adapter's private decimal.js constructor: 40 significant digits, so the quotients
 * of normalising a period to a month (÷ 12, × 52 ÷ 12, × 365 ÷ 12) carry far more digits than
 * the cent they are rounded to; rounding half up (away from zero: every amount is ≥ 0).
 * Never configured globally. Internal.
 */
export const StripeDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -21,
  toExpPos: 40,
})
