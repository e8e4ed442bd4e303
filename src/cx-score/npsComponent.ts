import { asMetricInputError, readOptions } from '../core/validate.js'
import type { NetPromoterScoreResult } from '../survey/netPromoterScore.js'
import type { NpsIntervalResult } from '../survey/npsInterval.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent } from './CxComponent.js'
import { component, numberOrNull, resultObject } from './componentKernel.js'

/**
 * An NPS as a CX-score component: range −100..100, higher is better; the standard error
 * comes along from an `npsInterval` result.
 *
 * @param result - A `netPromoterScore` or `npsInterval` result, or a plain score (or `null`).
 * @param options - `name` (`'NPS'`), `weight` (1).
 * @returns A `CxComponent`.
 * @throws MetricInputError `NOT_FINITE` (a value or standard error that is not a finite
 *   number or null), `VALUE_OUT_OF_RANGE` (a result that is not an object, counts that are
 *   not counts, a weight that is not > 0, a name that is not a string), `INVALID_OPTION`.
 * @example
 * ```ts
 * // Raw 0–10 answers → NPS 25 (2 promoters, 1 detractor of 4) → a component → the score.
 * const nps = npsComponent(netPromoterScore([10, 9, 8, 6]), { weight: 2 })
 * nps.value // => 25
 * cxScore([nps]).score // => 62.5
 * npsComponent(npsInterval([10, 9, 7, 3])).standardError !== null // => true
 * ```
 * @category CX score
 */
export function npsComponent(
  result: NetPromoterScoreResult | NpsIntervalResult | number | null,
  options: ComponentOptions = {},
): CxComponent {
  try {
    const metric = 'npsComponent'
    options = readOptions(options, metric)
    const record = resultObject(result, metric)
    const value = numberOrNull(
      record === null ? result : record.score,
      metric,
      record === null ? ['result'] : ['result', 'score'],
    )
    const standardError =
      record !== null && 'standardError' in record
        ? numberOrNull(record.standardError, metric, ['result', 'standardError'])
        : null
    return component(metric, options, { name: 'NPS', value, range: [-100, 100], standardError })
  } catch (error) {
    throw asMetricInputError(error, 'npsComponent')
  }
}
