import * as z from 'zod'
import type { CalendarDate } from '../core/CalendarDate.js'
import { epochDayOfText } from '../core/calendarKernel.js'
import { describeValue } from '../core/describeValue.js'
import { parseIsoInstant } from './fields.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * A calendar date (quota periods, planned close dates): a `'YYYY-MM-DD'` text stays that
 * text (trimmed; it must be a real date), an ISO date-time text or a `Date` becomes a
 * `Date` — which the metric reads as a calendar date in its `timeZone` option.
 *
 * @example
 * ```ts
 * CalendarDateSchema.parse(' 2026-03-31 ') // => '2026-03-31'
 * ```
 * @category Schemas
 */
export const CalendarDateSchema = z
  .union([z.date(), z.string()])
  .transform((value, context): CalendarDate => {
    if (typeof value === 'string') {
      const text = value.length > 64 ? '' : value.trim()
      if (DATE_ONLY.test(text) && !Number.isNaN(epochDayOfText(text))) return text
      const time = DATE_ONLY.test(text) ? Number.NaN : parseIsoInstant(text)
      if (!Number.isNaN(time)) return new Date(time)
    } else if (!Number.isNaN(value.getTime())) {
      return value
    }
    context.addIssue({
      code: 'custom',
      message: `expected a date such as 2026-03-31, got ${describeValue(value)}`,
    })
    return z.NEVER
  })

/**
 * An optional calendar date: blank cells, `null` and `undefined` become absent.
 *
 * @example
 * ```ts
 * OptionalCalendarDateSchema.parse('') // => undefined
 * ```
 * @category Schemas
 */
export const OptionalCalendarDateSchema = z
  .union([z.null(), z.undefined(), z.literal(''), CalendarDateSchema])
  .transform((value) => (value === null || value === '' ? undefined : value))
  .optional()
