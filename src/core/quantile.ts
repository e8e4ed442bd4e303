import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import { asMetricInputError, readOptions, requireList, requireOneOf } from './validate.js'

/**
 * The quantile definitions {@link quantile} offers.
 *
 * @category Core
 */
export const QUANTILE_METHODS = ['linear', 'nearest-rank', 'exclusive'] as const
/**
 * One of {@link QUANTILE_METHODS}.
 *
 * @category Core
 */
export type QuantileMethod = (typeof QUANTILE_METHODS)[number]

/**
 * Options of {@link quantile}.
 *
 * @category Core
 */
export interface QuantileOptions {
  /** Default `'linear'` (R type 7, Excel `PERCENTILE.INC`). */
  readonly method?: QuantileMethod
}

// Ranks within this relative distance of a whole number are that whole number, so that
// 0.9 × 10 = 9.000000000000002 picks the 9th value as arithmetic on decimals would.
const RANK_FUZZ = 1e-12

/**
 * The p-quantile of a list of numbers, by a named definition.
 *
 * ```text
 * sorted ascending x₁ ≤ … ≤ x_N
 * linear       (R type 7, PERCENTILE.INC): h = (N − 1)p + 1, interpolate between x⌊h⌋ and x⌈h⌉
 * nearest-rank (⌈pN⌉-th value, p = 0 → x₁): always one of the data values
 * exclusive    (R type 6, PERCENTILE.EXC, NIST): h = (N + 1)p, interpolate; null outside
 *              [1/(N + 1), N/(N + 1)]
 * ```
 * SLA reports often want `'nearest-rank'` (an observed value); analysts comparing with R or
 * numpy defaults want `'linear'`. The input is copied, never sorted in place.
 *
 * @param values - The data, any `ArrayLike<number>` (plain or typed array); finite numbers.
 * @param p - The probability, from 0 to 1 (0.5 is the median, 0.9 the 90th percentile).
 * @param options - `method`, default `'linear'`.
 * @returns The quantile; `null` for an empty list, or for `'exclusive'` when p lies outside
 *   [1/(N + 1), N/(N + 1)].
 * @throws MetricInputError `NOT_FINITE` (with the index), `VALUE_OUT_OF_RANGE` (p; or
 *   `values` not a list, path `[]`), `INVALID_OPTION` (method, options not an object).
 * @example
 * ```ts
 * quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) // => 9.1
 * quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, { method: 'nearest-rank' }) // => 9
 * ```
 * @see R. J. Hyndman & Y. Fan (1996), "Sample quantiles in statistical packages",
 *   The American Statistician 50(4); R `quantile(type = 7 | 6)`.
 * @category Core
 */
export function quantile(
  values: ArrayLike<number>,
  p: number,
  options: QuantileOptions = {},
): number | null {
  try {
    const metric = 'quantile'
    const method = requireOneOf(
      readOptions(options, metric).method ?? 'linear',
      QUANTILE_METHODS,
      metric,
      'method',
    )
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['p'],
        message: `${metric}: p is ${describeValue(p)}; it must be a probability from 0 to 1`,
      })
    }
    const copy = finiteCopy(values, metric)
    return quantileBySelection(copy, p, method)
  } catch (error) {
    throw asMetricInputError(error, 'quantile')
  }
}

/** A Float64Array copy of finite values; `NOT_FINITE` with the index otherwise. Internal. */
export function finiteCopy(values: ArrayLike<number>, metric: string): Float64Array {
  requireList(values, metric, [], 'values')
  // A plain object claiming a huge `length` is read element by element before anything of
  // that size is allocated: `{ length: 1e9 }` fails at index 0, not after 8 GB.
  const list =
    Array.isArray(values) || ArrayBuffer.isView(values) ? values : readElements(values, metric)
  const copy = new Float64Array(list.length)
  for (let index = 0; index < list.length; index++) {
    const value = list[index] as number
    if (typeof value !== 'number' || !Number.isFinite(value)) throw notFinite(value, index, metric)
    copy[index] = value
  }
  return copy
}

/** The elements of an array-like object, each checked as it is read. */
function readElements(values: ArrayLike<number>, metric: string): number[] {
  const elements: number[] = []
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number
    if (typeof value !== 'number' || !Number.isFinite(value)) throw notFinite(value, index, metric)
    elements.push(value)
  }
  return elements
}

function notFinite(value: unknown, index: number, metric: string): MetricInputError {
  return new MetricInputError({
    code: 'NOT_FINITE',
    metric,
    path: [index],
    message: `${metric}: value at index ${index} is ${describeValue(value)}; values must be finite numbers`,
  })
}

/**
 * The quantile of finite values by selection instead of sorting: quickselect puts the k-th
 * smallest value at k in O(n) on average, and the next order statistic is the least value
 * to its right. Reorders `values` (a private copy). Same results as `quantileOfSorted`.
 * Internal.
 */
export function quantileBySelection(
  values: Float64Array,
  p: number,
  method: QuantileMethod,
): number | null {
  const n = values.length
  const position = quantilePosition(n, p, method)
  if (position === null) return null
  const below = Math.floor(position)
  const fraction = position - below
  const low = select(values, below)
  if (fraction === 0) return low + 0
  let high = Number.POSITIVE_INFINITY
  for (let index = below + 1; index < n; index++)
    if ((values[index] as number) < high) high = values[index] as number
  return interpolate(low, high, fraction)
}

/** low + fraction · (high − low), without overflow when high − low exceeds 1.8e308; never −0. */
function interpolate(low: number, high: number, fraction: number): number {
  const value = low + fraction * (high - low)
  return (Number.isFinite(value) ? value : (1 - fraction) * low + fraction * high) + 0
}

/**
 * Introselect: Hoare's quickselect with median-of-three pivots, the k-th smallest value
 * (0-based). Median-of-three can be driven quadratic by a crafted input (Musser's
 * "median-of-3 killer"): after 2·log₂(n) + 8 partitions that have not finished, the range
 * still open is sorted instead (O(n log n)), so no input takes more than that.
 */
function select(values: Float64Array, k: number): number {
  let left = 0
  let right = values.length - 1
  let partitionsLeft = 2 * Math.ceil(Math.log2(values.length + 1)) + 8
  while (right > left) {
    if (partitionsLeft-- === 0) {
      values.subarray(left, right + 1).sort()
      return values[k] as number
    }
    const middle = (left + right) >>> 1
    // Median of three as the pivot keeps sorted and reversed inputs linear.
    const a = values[left] as number
    const b = values[middle] as number
    const c = values[right] as number
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c))
    let i = left
    let j = right
    while (i <= j) {
      while ((values[i] as number) < pivot) i++
      while ((values[j] as number) > pivot) j--
      if (i <= j) {
        const swap = values[i] as number
        values[i] = values[j] as number
        values[j] = swap
        i++
        j--
      }
    }
    if (k <= j) right = j
    else if (k >= i) left = i
    else return values[k] as number
  }
  return values[k] as number
}

/**
 * The quantile of already sorted, finite values (ascending); `null` when empty or out of
 * the exclusive range. Internal: callers validate first.
 */
export function quantileOfSorted(
  sorted: ArrayLike<number>,
  p: number,
  method: QuantileMethod,
): number | null {
  const position = quantilePosition(sorted.length, p, method)
  if (position === null) return null
  const below = Math.floor(position)
  const fraction = position - below
  const low = sorted[below] as number
  if (fraction === 0) return low + 0
  const high = sorted[below + 1] as number
  return interpolate(low, high, fraction)
}

/**
 * The zero-based, possibly fractional position of the p-quantile among n sorted values;
 * `null` when n is 0 or p lies outside the exclusive method's range.
 */
function quantilePosition(n: number, p: number, method: QuantileMethod): number | null {
  if (n === 0) return null
  if (method === 'nearest-rank') return Math.max(1, Math.ceil(snapToWhole(p * n))) - 1
  if (method === 'linear') return snapToWhole((n - 1) * p)
  const rank = snapToWhole((n + 1) * p)
  return rank < 1 || rank > n ? null : rank - 1
}

function snapToWhole(x: number): number {
  const whole = Math.round(x)
  return Math.abs(x - whole) <= RANK_FUZZ * Math.max(1, Math.abs(x)) ? whole : x
}
