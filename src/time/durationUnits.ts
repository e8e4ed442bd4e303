import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import { type CompiledCalendar, compileCalendar, workingTimeIndex } from '../core/calendarKernel.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { requireOneOf } from '../core/validate.js'

/**
 * The units durations can be reported in.
 *
 * @category Time
 */
export const DURATION_UNITS = ['hours', 'days', 'business-hours', 'business-days'] as const
/**
 * One of {@link DURATION_UNITS}.
 *
 * @category Time
 */
export type DurationUnit = (typeof DURATION_UNITS)[number]

/**
 * Measures the time between two instants (start ≤ end) in a unit; `path` names the row in
 * errors (a business-time span longer than 365,250 days is `VALUE_OUT_OF_RANGE`). Internal.
 */
export type Measure = (start: number, end: number, path: MetricInputPath) => number

/**
 * A measuring function for `unit`: calendar hours or days (ms / 3 600 000, ms / 86 400 000),
 * or business hours / days under `calendar` (compiled once). Internal.
 */
export function durationMeasure(
  unit: DurationUnit | undefined,
  calendar: BusinessCalendar | undefined,
  metric: string,
): {
  unit: DurationUnit
  measure: Measure
} {
  const chosen = requireOneOf(unit ?? 'hours', DURATION_UNITS, metric, 'unit')
  if (chosen === 'hours')
    return { unit: chosen, measure: (start, end) => (end - start) / 3_600_000 }
  if (chosen === 'days')
    return { unit: chosen, measure: (start, end) => (end - start) / 86_400_000 }
  if (calendar === undefined) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['calendar'],
      message: `${metric}: unit '${chosen}' needs option calendar`,
    })
  }
  const compiled: CompiledCalendar = compileCalendar(calendar, metric)
  // One index per call: each row's span costs its two end days, not a walk over its days.
  const index = workingTimeIndex(compiled)
  if (chosen === 'business-hours')
    return {
      unit: chosen,
      measure: (start, end, path) => index.milliseconds(start, end, metric, path) / 3_600_000,
    }
  return { unit: chosen, measure: (start, end, path) => index.days(start, end, metric, path) }
}
