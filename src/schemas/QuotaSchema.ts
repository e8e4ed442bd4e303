import * as z from 'zod'
import type { Quota } from '../records/Quota.js'
import { OptionalCurrencySchema } from './AccountRevenueSchema.js'
import { CalendarDateSchema } from './CalendarDateSchema.js'
import { withoutUndefined } from './fields.js'
import { MoneySchema } from './money.js'

/**
 * A sales target as a plan export or a spreadsheet holds it, turned into a `Quota`:
 * `ownerId` (a rep, team or account id), `periodStart` and `periodEnd` (calendar dates, both
 * inclusive; `'YYYY-MM-DD'` texts are compared and `periodEnd` may not precede
 * `periodStart`), `amount` ≥ 0 (becomes a `Decimal`), an optional `currency` (ISO 4217,
 * upper-cased; blank becomes absent). Unknown columns are ignored.
 *
 * @example
 * ```ts
 * const quota = QuotaSchema.parse({
 *   ownerId: 'rep-ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: '250000', currency: 'usd',
 * })
 * quota.amount.toString() // => '250000'
 * quota.currency // => 'USD'
 * ```
 * @category Schemas
 */
export const QuotaSchema = z
  .object({
    ownerId: z.string().trim().min(1, 'expected an owner id'),
    periodStart: CalendarDateSchema,
    periodEnd: CalendarDateSchema,
    amount: MoneySchema,
    currency: OptionalCurrencySchema,
  })
  .superRefine((quota, context) => {
    const { periodStart, periodEnd } = quota
    const before =
      typeof periodStart === 'string' && typeof periodEnd === 'string'
        ? periodEnd < periodStart
        : periodStart instanceof Date && periodEnd instanceof Date && periodEnd < periodStart
    if (before) {
      context.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: 'periodEnd is before periodStart',
      })
    }
  })
  .transform((quota): Quota => withoutUndefined(quota) as Quota)
