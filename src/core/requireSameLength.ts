import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * The one equal-length check: throws `LENGTH_MISMATCH` at `path` unless `values` has
 * `length` elements, the length of the list named `reference` that it must match (paired
 * series such as `{ actual, forecast }`, `durations` and `events`, `scores` and `groups`).
 * The message names both lists and their lengths. Internal.
 *
 * @example
 * ```ts
 * requireSameLength([1, 2], 3, 'm', ['forecast'], 'actual') // throws LENGTH_MISMATCH at ['forecast']
 * ```
 */
export function requireSameLength(
  values: ArrayLike<unknown>,
  length: number,
  metric: string,
  path: MetricInputPath,
  reference: string,
): void {
  if (values.length === length) return
  throw new MetricInputError({
    code: 'LENGTH_MISMATCH',
    metric,
    path,
    message: `${metric}: ${path.join('.')} has ${values.length} values but ${reference} has ${length}; they must be equally long`,
  })
}
