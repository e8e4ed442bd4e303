/**
 * Stripe's zero-decimal currencies: the API's amounts in these are whole units (¥1000 is
 * `1000`), not hundredths. Lower case, as Stripe writes currency codes.
 *
 * ```text
 * major units = API amount             (zero-decimal, this list)
 * major units = API amount ÷ 1000      (three-decimal: bhd, jod, kwd, omr, tnd)
 * major units = API amount ÷ 100       (every other currency, including isk, huf, twd,
 *                                       which Stripe's API keeps two-decimal)
 * ```
 *
 * @example
 * ```ts
 * STRIPE_ZERO_DECIMAL_CURRENCIES.includes('jpy') // => true
 * ```
 * @see https://docs.stripe.com/currencies#zero-decimal (the list);
 *   https://docs.stripe.com/currencies#special-cases (isk, huf, twd);
 *   https://docs.stripe.com/currencies#three-decimal
 * @category Sources
 */
export const STRIPE_ZERO_DECIMAL_CURRENCIES = [
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
] as const

/**
 * Stripe's three-decimal currencies: API amounts are thousandths (5.124 KWD is `5124`).
 *
 * @example
 * ```ts
 * STRIPE_THREE_DECIMAL_CURRENCIES.includes('kwd') // => true
 * ```
 * @see https://docs.stripe.com/currencies#three-decimal
 * @category Sources
 */
export const STRIPE_THREE_DECIMAL_CURRENCIES = ['bhd', 'jod', 'kwd', 'omr', 'tnd'] as const

/** Decimal places of a Stripe API amount in `currency` (lower case). Internal. */
export function stripeMinorUnitDigits(currency: string): 0 | 2 | 3 {
  if ((STRIPE_ZERO_DECIMAL_CURRENCIES as readonly string[]).includes(currency)) return 0
  if ((STRIPE_THREE_DECIMAL_CURRENCIES as readonly string[]).includes(currency)) return 3
  return 2
}
