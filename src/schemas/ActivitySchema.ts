import * as z from 'zod'
import { ACTIVITY_TYPES, type Activity } from '../records/Activity.js'
import {
  InstantSchema,
  OptionalNonNegativeNumberSchema,
  OptionalTextSchema,
  withoutUndefined,
} from './fields.js'

/** The longest activity type text read. */
const LONGEST_TYPE = 100

/**
 * An activity type: one of `ACTIVITY_TYPES` when the text names it in any case or spacing
 * (`'Call'`, `'Proposal Sent'`, `'proposal_sent'` → `'proposal-sent'`), otherwise the
 * trimmed text as the CRM logged it.
 *
 * @example
 * ```ts
 * ActivityTypeSchema.parse(' Proposal Sent ') // => 'proposal-sent'
 * ```
 * @category Schemas
 */
export const ActivityTypeSchema = z
  .string()
  .trim()
  .min(1, 'expected an activity type')
  .max(LONGEST_TYPE, `expected an activity type of at most ${LONGEST_TYPE} characters`)
  .transform((value) => {
    const normal = value.toLowerCase().replace(/[\s_]+/g, '-')
    return ACTIVITY_TYPES.find((type) => type === normal) ?? value
  })

/**
 * A logged customer interaction as CRM exports hold it, turned into an `Activity`: `id`,
 * `ownerId`, `type` (see {@link ActivityTypeSchema}), `at` (ISO date-time, UTC unless
 * offset), optional `durationMinutes` ≥ 0, `accountId`, `leadId`, `opportunityId` (blank
 * cells absent). Unknown columns are ignored.
 *
 * @example
 * ```ts
 * const activity = ActivitySchema.parse({
 *   id: 'T-1', ownerId: 'rep-ana', type: 'Meeting', at: '2026-03-02T15:00:00Z', durationMinutes: '45', accountId: 'acme', leadId: '',
 * })
 * activity.type // => 'meeting'
 * activity.durationMinutes // => 45
 * ```
 * @category Schemas
 */
export const ActivitySchema = z
  .object({
    id: z.string().trim().min(1, 'expected an activity id'),
    ownerId: z.string().trim().min(1, 'expected an owner id'),
    type: ActivityTypeSchema,
    at: InstantSchema,
    durationMinutes: OptionalNonNegativeNumberSchema,
    accountId: OptionalTextSchema,
    leadId: OptionalTextSchema,
    opportunityId: OptionalTextSchema,
  })
  .transform((activity): Activity => withoutUndefined(activity) as Activity)
