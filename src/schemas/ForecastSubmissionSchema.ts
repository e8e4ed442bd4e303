import * as z from 'zod'
import { FORECAST_CATEGORIES, type ForecastSubmission } from '../records/ForecastSubmission.js'
import { OptionalCurrencySchema } from './AccountRevenueSchema.js'
import { InstantSchema, withoutUndefined } from './fields.js'
import { MoneySchema } from './money.js'

/**
 * A forecast call as exported from a CRM's forecasting module, turned into a
 * `ForecastSubmission`: `ownerId`, `periodStart` and `periodEnd` (dates; `periodEnd` not
 * before `periodStart`), `category` (`commit`, `best-case` or `pipeline`; case and
 * `best case` / `bestcase` spellings accepted), `amount` (becomes a `Decimal`), an optional
 * `currency` (ISO 4217, upper-cased; blank becomes absent), `submittedAt`.
 *
 * @example
 * ```ts
 * const call = ForecastSubmissionSchema.parse({
 *   ownerId: 'rep-ana', periodStart: '2026-01-01', periodEnd: '2026-03-31',
 *   category: 'Best Case', amount: '198706.29', submittedAt: '2026-01-20T17:00:00Z',
 * })
 * call.category // => 'best-case'
 * ```
 * @category Schemas
 */
export const ForecastSubmissionSchema = z
  .object({
    ownerId: z.string().trim().min(1, 'expected an owner id'),
    periodStart: InstantSchema,
    periodEnd: InstantSchema,
    category: z.string().transform((value, context) => {
      const normal = value
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-')
        .replace('bestcase', 'best-case')
      const match = FORECAST_CATEGORIES.find((category) => category === normal)
      if (match === undefined) {
        context.addIssue({
          code: 'custom',
          message: `expected commit, best-case or pipeline, got ${JSON.stringify(value)}`,
        })
        return z.NEVER
      }
      return match
    }),
    amount: MoneySchema,
    currency: OptionalCurrencySchema,
    submittedAt: InstantSchema,
  })
  .superRefine((call, context) => {
    if (call.periodEnd < call.periodStart) {
      context.addIssue({
        code: 'custom',
        path: ['periodEnd'],
        message: 'periodEnd is before periodStart',
      })
    }
  })
  .transform((call): ForecastSubmission => withoutUndefined(call) as ForecastSubmission)
