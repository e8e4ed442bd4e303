import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import {
  finiteCopy,
  QUANTILE_METHODS,
  type QuantileOptions,
  quantileBySelection,
} from './quantile.js'
import { asMetricInputError, readOptions, requireList, requireOneOf } from './validate.js'

/**
 * Several quantiles of one list — a median and a p90, say — with a single copy of the data:
 * each is found by selection on the same copy (later selections run on partly ordered data),
 * with exactly `quantile`'s definitions and results.
 *
 * ```text
 * quantiles(values, [p₁, p₂, …]) = [quantile(values, p₁), quantile(values, p₂), …]
 * ```
 *
 * @param values - The data, any `ArrayLike<number>`; finite numbers.
 * @param probabilities - Probabilities from 0 to 1, in any order.
 * @param options - `method`, default `'linear'`.
 * @returns One value per probability (`null` as `quantile` gives it).
 * @throws MetricInputError `NOT_FINITE` (index in `path`), `VALUE_OUT_OF_RANGE` (path
 *   `['probabilities', i]`; either list not a list), `INVALID_OPTION`.
 * @example
 * ```ts
 * quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.5, 0.9]) // => [5.5, 9.1]
 * ```
 * @see quantile; Hyndman & Fan (1996).
 * @category Core
 */
export function quantiles(
  values: ArrayLike<number>,
  probabilities: readonly number[],
  options: QuantileOptions = {},
): (number | null)[] {
  try {
    const metric = 'quantiles'
    const method = requireOneOf(
      readOptions(options, metric).method ?? 'linear',
      QUANTILE_METHODS,
      metric,
      'method',
    )
    requireList(probabilities, metric, ['probabilities'], 'probabilities')
    const results: (number | null)[] = []
    for (let index = 0; index < probabilities.length; index++) {
      const p = probabilities[index]
      if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: ['probabilities', index],
          message: `${metric}: probability at index ${index} is ${describeValue(p)}; it must be from 0 to 1`,
        })
      }
    }
    const copy = finiteCopy(values, metric)
    for (let index = 0; index < probabilities.length; index++) {
      results.push(quantileBySelection(copy, probabilities[index] as number, method))
    }
    return results
  } catch (error) {
    throw asMetricInputError(error, 'quantiles')
  }
}
