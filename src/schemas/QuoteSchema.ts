import * as z from 'zod'
import type { Quote } from '../records/Quote.js'
import { InstantSchema } from './fields.js'

/**
 * A quote as CPQ or CRM exports hold it, turned into a `Quote`: `id`, `leadId`, `createdAt`
 * (ISO date or date-time, UTC unless it has an offset).
 *
 * @example
 * ```ts
 * QuoteSchema.parse({ id: 'Q-1', leadId: 'L-1', createdAt: '2026-03-03T15:00:00+01:00' })
 * // => { id: 'Q-1', leadId: 'L-1', createdAt: new Date('2026-03-03T14:00:00Z') }
 * ```
 * @category Schemas
 */
export const QuoteSchema = z
  .object({
    id: z.string().trim().min(1, 'expected a quote id'),
    leadId: z.string().trim().min(1, 'expected the id of its lead'),
    createdAt: InstantSchema,
  })
  .transform((quote): Quote => quote)
