import * as z from 'zod'
import type { SurveyResponse } from '../records/SurveyResponse.js'
import {
  csvIntegerSchema,
  InstantSchema,
  OptionalNonNegativeNumberSchema,
  OptionalTextSchema,
  withoutUndefined,
} from './fields.js'

/**
 * A recommend-survey response as CSV or JSON exports hold it, turned into a
 * {@link SurveyResponse}: `score` an integer 0–10 (`'9'` accepted), `respondedAt` an ISO
 * date or date-time (UTC unless it has an offset), optional `segment` and `weight` (blank
 * cells become absent). Unknown columns are ignored.
 *
 * @example
 * ```ts
 * SurveyResponseSchema.parse({ score: '9', respondedAt: '2026-03-01', segment: '' })
 * // => { score: 9, respondedAt: new Date('2026-03-01T00:00:00Z') }
 * ```
 * @category Schemas
 */
export const SurveyResponseSchema = z
  .object({
    score: csvIntegerSchema(0, 10),
    respondedAt: InstantSchema,
    segment: OptionalTextSchema,
    weight: OptionalNonNegativeNumberSchema,
  })
  .transform((record): SurveyResponse => withoutUndefined(record) as SurveyResponse)
