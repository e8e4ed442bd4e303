import { describeValue } from '../core/describeValue.js'
import { asMetricInputError, readAliasedOption, readOptions } from '../core/validate.js'
import type { CesStatistic, CustomerEffortScoreResult } from '../survey/customerEffortScore.js'
import type { ComponentOptions } from './ComponentOptions.js'
import type { CxComponent, CxDirection } from './CxComponent.js'
import { agree, component, numberOrNull, refuse, resultObject } from './componentKernel.js'

/**
 * Options of {@link cesComponent}.
 *
 * @category CX score
 */
export interface CesComponentOptions extends ComponentOptions {
  /** How the CES was computed: `'mean'` on 1..scaleMax (default) or `'agree-share'` (0..1). */
  readonly statistic?: CesStatistic
  /**
   * The 0.1 name of `statistic`, still accepted; both given and different is `INVALID_OPTION`.
   *
   * @deprecated Use `statistic`.
   */
  readonly method?: CesStatistic
  /** Top of the scale for `'mean'`; default 7. */
  readonly scaleMax?: number
  /** CES 1.0 asked about effort (1 = very low effort): pass `'lower-is-better'`. Default higher. */
  readonly direction?: CxDirection
}

/**
 * A Customer Effort Score as a component: 1..scaleMax for the mean, 0..1 for the agree
 * share, with the direction recorded (CES 2.0: higher is easier) and the standard error a
 * `customerEffortScore` result carries (s/√n for the mean, binomial for the share).
 *
 * A result brings its own `statistic` and `scaleMax`; an option that contradicts them is
 * refused here rather than giving a value outside its range later in `cxScore`.
 *
 * @param result - A `customerEffortScore` result, or a plain score (or `null`).
 * @param options - `statistic` (the result's, else `'mean'`; `method` is its 0.1 name),
 *   `scaleMax` (the result's, else 7), `direction`, `name` (`'CES'`), `weight`,
 *   `standardError`.
 * @returns A `CxComponent`.
 * @throws MetricInputError `INVALID_OPTION` (path `['statistic']` or `['scaleMax']`) when the
 *   option contradicts the result's.
 * @example
 * ```ts
 * // CES 2.0 answers on 1–7 → mean 4 → a component on [1, 7] → (4 − 1) / 6 of the way → 50.
 * const effort = cesComponent(customerEffortScore([7, 5, 3, 1]))
 * effort.range // => [1, 7]
 * cxScore([effort]).score // => 50
 * cesComponent(customerEffortScore([7, 6, 5, 2], { statistic: 'agree-share' })).range // => [0, 1]
 * ```
 * @category CX score
 */
export function cesComponent(
  result: CustomerEffortScoreResult | number | null,
  options: CesComponentOptions = {},
): CxComponent {
  try {
    const metric = 'cesComponent'
    options = readOptions(options, metric)
    const fromResult = resultObject(result, metric) as Partial<CustomerEffortScoreResult> | null
    const named = readAliasedOption<CesStatistic>(options, 'statistic', 'method', metric)
    const method = agree(
      metric,
      'statistic',
      named,
      fromResult?.statistic ?? fromResult?.method,
      'mean',
    )
    const scaleMax = agree(metric, 'scaleMax', options.scaleMax, fromResult?.scaleMax, 7)
    if (!(method === 'mean' || method === 'agree-share')) {
      refuse(
        metric,
        ['statistic'],
        'VALUE_OUT_OF_RANGE',
        `statistic is ${describeValue(method)}; it must be 'mean' or 'agree-share'`,
      )
    }
    const value = numberOrNull(
      fromResult === null ? result : fromResult.score,
      metric,
      fromResult === null ? ['result'] : ['result', 'score'],
    )
    const range: readonly [number, number] = method === 'agree-share' ? [0, 1] : [1, scaleMax]
    const standardError =
      fromResult?.standardError === undefined
        ? null
        : numberOrNull(fromResult.standardError, metric, ['result', 'standardError'])
    return component(metric, options, {
      name: 'CES',
      value,
      range,
      direction: options.direction ?? 'higher-is-better',
      standardError,
    })
  } catch (error) {
    throw asMetricInputError(error, 'cesComponent')
  }
}
