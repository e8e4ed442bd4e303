import { asMetricInputError, readOptions } from '../core/validate.js'
import type { CsatResult } from '../survey/csat.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent } from './CxComponent.js'
import { component, countPair, numberOrNull, resultObject } from './componentKernel.js'

/**
 * A CSAT as a component: range 0..1, higher is better, with the binomial standard error of
 * the satisfied share.
 *
 * @param result - A `csat` result, or a plain share (or `null`).
 * @param options - `name` (`'CSAT'`), `weight` (1).
 * @returns A `CxComponent`.
 * @throws MetricInputError `NOT_FINITE` (a value or standard error that is not a finite
 *   number or null), `VALUE_OUT_OF_RANGE` (a result that is not an object, counts that are
 *   not counts, a weight that is not > 0, a name that is not a string), `INVALID_OPTION`.
 * @example
 * ```ts
 * // Ratings 1–5 → 2 of 4 satisfied (≥ 4) → a component with its binomial error → the score.
 * const satisfaction = csatComponent(csat([5, 4, 2, 1]))
 * satisfaction.standardError // => 0.25
 * cxScore([satisfaction]).score // => 50
 * ```
 * @category CX score
 */
export function csatComponent(
  result: CsatResult | number | null,
  options: ComponentOptions = {},
): CxComponent {
  try {
    const metric = 'csatComponent'
    options = readOptions(options, metric)
    const record = resultObject(result, metric)
    const value = numberOrNull(
      record === null ? result : record.score,
      metric,
      record === null ? ['result'] : ['result', 'score'],
    )
    const standardError =
      record === null ? null : countPair(record, 'satisfied', 'total', true, metric)
    return component(metric, options, { name: 'CSAT', value, range: [0, 1], standardError })
  } catch (error) {
    throw asMetricInputError(error, 'csatComponent')
  }
}
