import * as z from 'zod'
import type { CustomerActivity } from '../records/CustomerActivity.js'
import { OptionalCurrencySchema } from './AccountRevenueSchema.js'
import { InstantSchema, withoutUndefined } from './fields.js'
import { OptionalMoneySchema } from './money.js'

/**
 * One customer activity (login, order, invoice) as exports hold it: `customerId`, `at` (ISO
 * date or date-time, UTC unless it has an offset), optional `revenue` (number or decimal
 * string ≥ 0, becomes a `Decimal`; a blank cell is absent) and optional `currency` (ISO 4217,
 * upper-cased).
 *
 * @example
 * ```ts
 * CustomerActivitySchema.parse({ customerId: 'C-7', at: '2026-02-01', revenue: '' })
 * // => { customerId: 'C-7', at: new Date('2026-02-01T00:00:00Z') }
 * ```
 * @category Schemas
 */
export const CustomerActivitySchema = z
  .object({
    customerId: z.string().trim().min(1, 'expected a customer id'),
    at: InstantSchema,
    revenue: OptionalMoneySchema,
    currency: OptionalCurrencySchema,
  })
  .transform((record): CustomerActivity => withoutUndefined(record) as CustomerActivity)
