import * as z from 'zod'
import type { AccountRevenue } from '../records/AccountRevenue.js'
import { OptionalTextSchema, withoutUndefined } from './fields.js'
import { MoneySchema } from './money.js'

/**
 * An ISO 4217 currency code such as `'USD'` (upper-cased; blank cells become absent).
 *
 * @example
 * ```ts
 * OptionalCurrencySchema.parse('eur') // => 'EUR'
 * ```
 * @category Schemas
 */
export const OptionalCurrencySchema = OptionalTextSchema.transform((value) =>
  value?.toUpperCase(),
).refine((value) => value === undefined || /^[A-Z]{3}$/.test(value), {
  message: 'expected a three-letter ISO 4217 currency code',
})

/**
 * One account's recurring revenue in a snapshot, as billing exports hold it:
 * `accountId` (text), `amount` (number or decimal string, ≥ 0, becomes an exact
 * `Decimal`), optional `currency`. Unknown columns (the snapshot month, …) are ignored.
 *
 * @example
 * ```ts
 * AccountRevenueSchema.parse({ accountId: 'ACC-1', amount: '1234.50', currency: 'usd' })
 * // => { accountId: 'ACC-1', amount: Decimal('1234.5'), currency: 'USD' }
 * ```
 * @category Schemas
 */
export const AccountRevenueSchema = z
  .object({
    accountId: z.string().trim().min(1, 'expected an account id'),
    amount: MoneySchema,
    currency: OptionalCurrencySchema,
  })
  .transform((record): AccountRevenue => withoutUndefined(record) as AccountRevenue)
