import * as z from 'zod'
import { type BusinessCalendar, WEEKDAYS } from '../core/BusinessCalendar.js'
import { compileCalendar } from '../core/calendarKernel.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { withoutUndefined } from './fields.js'

const IntervalSchema = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM'),
  end: z.string().regex(/^\d{2}:\d{2}$/, 'expected HH:MM'),
})

/** Bounds that keep a hostile config (a million-element list) from costing seconds. */
const MAX_INTERVALS = 1440
const MAX_HOLIDAYS = 10_000

const WEEK_SHAPE = Object.fromEntries(
  WEEKDAYS.map((weekday) => [
    weekday,
    z
      .array(IntervalSchema)
      .max(MAX_INTERVALS, `expected at most ${MAX_INTERVALS} intervals a day`)
      .optional(),
  ]),
) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<z.ZodArray<typeof IntervalSchema>>>

/**
 * A business calendar from a JSON or YAML config, checked the way the time functions
 * check it: a valid IANA `timeZone`, `HH:MM` intervals per weekday (`monday` … `sunday`)
 * that end after they start and do not overlap (at most 1,440 a day), and `YYYY-MM-DD`
 * holidays (at most 10,000).
 *
 * @example
 * ```ts
 * BusinessCalendarSchema.parse({
 *   timeZone: 'Europe/Berlin',
 *   week: { monday: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] },
 *   holidays: ['2026-12-25'],
 * }).week.monday?.length // => 2
 * ```
 * @category Schemas
 */
export const BusinessCalendarSchema = z
  .object({
    timeZone: z.string().min(1),
    // A strict object of the seven weekdays, not a record: no other key (`__proto__`
    // included) is copied into the result.
    week: z.strictObject(WEEK_SHAPE),
    holidays: z
      .array(z.string())
      .max(MAX_HOLIDAYS, `expected at most ${MAX_HOLIDAYS} holidays`)
      .optional(),
  })
  .superRefine((calendar, context) => {
    try {
      compileCalendar(calendar as BusinessCalendar, 'BusinessCalendarSchema')
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      context.addIssue({
        code: 'custom',
        path: (error.path ?? []).slice(1) as (string | number)[],
        message: error.message.replace('BusinessCalendarSchema: calendar ', ''),
      })
    }
  })
  // Keys given as undefined (`holidays: undefined`, `monday: undefined`) become absent.
  .transform(
    (calendar) =>
      withoutUndefined({
        ...calendar,
        week: withoutUndefined(calendar.week),
      }) as BusinessCalendar,
  )
