import * as z from 'zod'
import type { Lead } from '../records/Lead.js'
import {
  InstantSchema,
  OptionalInstantSchema,
  OptionalTextSchema,
  withoutUndefined,
} from './fields.js'

/**
 * A lead as CRM and marketing exports hold it, turned into a `Lead`: `id`, `createdAt`, and
 * optional `contactedAt`, `convertedAt` (blank cells are absent; neither may precede
 * `createdAt`), `opportunityId`, `ownerId`, `source`. Shared by the pipeline and
 * lead-to-quote functions.
 *
 * @example
 * ```ts
 * LeadSchema.parse({ id: 'L-1', createdAt: '2026-03-02T09:15:00Z', contactedAt: '', source: 'inbound' })
 * // => { id: 'L-1', createdAt: new Date('2026-03-02T09:15:00Z'), source: 'inbound' }
 * ```
 * @category Schemas
 */
export const LeadSchema = z
  .object({
    id: z.string().trim().min(1, 'expected a lead id'),
    createdAt: InstantSchema,
    contactedAt: OptionalInstantSchema,
    convertedAt: OptionalInstantSchema,
    opportunityId: OptionalTextSchema,
    ownerId: OptionalTextSchema,
    source: OptionalTextSchema,
  })
  .superRefine((lead, context) => {
    for (const field of ['contactedAt', 'convertedAt'] as const) {
      const at = lead[field]
      if (at !== undefined && at < lead.createdAt) {
        context.addIssue({ code: 'custom', path: [field], message: `${field} is before createdAt` })
      }
    }
  })
  .transform((lead): Lead => withoutUndefined(lead) as Lead)
