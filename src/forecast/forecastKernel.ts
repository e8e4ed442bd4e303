import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { requireSameLength } from '../core/requireSameLength.js'
import type { ForecastSeries } from './ForecastSeries.js'

/**
 * The one accumulation routine of the forecast family: a pass over `{ actual, forecast,
 * weights? }` that checks every value (a `number`, finite; weights ≥ 0) and keeps every sum
 * the forecast metrics need, so each metric — and the report of all of them — reads the data
 * once. Sums are plain float sums (weighted when weights are given). Internal.
 *
 * Overflow: the sums are formed in double precision. When a sum overflows although every
 * value is finite (values near 1e308), the pass is run again on values scaled by 2^−600
 * (exact, a power of two) and the sums are reported in that `unit`; each metric then undoes
 * the scaling and throws `VALUE_OUT_OF_RANGE` only if *its own* value does not fit a double.
 * (In that rescue pass a value below about 1e-143 counts as 0.)
 * @category Forecast
 */
export interface ForecastSums {
  /** Periods. */
  n: number
  /** Σ w. */
  weight: number
  /** Σ w|F − A|. */
  absoluteError: number
  /** Σ w(F − A)². */
  squaredError: number
  /** Σ w(F − A): the signed error, over-forecast positive (the library's one direction). */
  error: number
  /** Σ w|A|. */
  absoluteActual: number
  /** Σ w|A − F|/|A| over A ≠ 0, and Σ w over those periods. */
  percentageError: number
  percentageWeight: number
  /** Periods with A = 0 (left out of MAPE). */
  zeroActuals: number
  /** Σ w · 2|A − F|/(|A| + |F|), a 0/0 term counting 0 (M4 sMAPE numerator). */
  symmetricError: number
  /** Σ w over periods with |F − A| ≤ tolerance·|A| (within 1e-12 relative slack). */
  hits: number
}

/** The keys of {@link ForecastSums}, in a fixed order. */
export const FORECAST_SUM_KEYS = [
  'n',
  'weight',
  'absoluteError',
  'squaredError',
  'error',
  'absoluteActual',
  'percentageError',
  'percentageWeight',
  'zeroActuals',
  'symmetricError',
  'hits',
] as const

/** The scaling used when plain sums overflow: 2^−600. */
export const RESCUE_UNIT = 2 ** -600

/** A new, empty set of sums. */
export function emptySums(): ForecastSums {
  return {
    n: 0,
    weight: 0,
    absoluteError: 0,
    squaredError: 0,
    error: 0,
    absoluteActual: 0,
    percentageError: 0,
    percentageWeight: 0,
    zeroActuals: 0,
    symmetricError: 0,
    hits: 0,
  }
}

/** The sums of one pass, the seasonal-naive total of `actual` when asked, and their unit. */
export interface SeriesScan {
  readonly sums: ForecastSums
  /** Σ_{t ≥ m} |A_t − A_{t−m}| (in `unit`), computed in the same pass; `null` when not asked. */
  readonly naiveTotal: number | null
  /**
   * The factor the additive sums carry (`absoluteError`, `error`, `absoluteActual`,
   * `naiveTotal`; `squaredError` carries unit²): 1, or 2^−600 after an overflow.
   */
  readonly unit: number
}

/** What a pass computes beyond the error sums. */
export interface ScanOptions {
  /** Also the per-period ratios (MAPE, sMAPE, hits); default false (the light pass). */
  readonly full?: boolean
  /** Hit tolerance for `hits`; default 0.1. */
  readonly tolerance?: number
  /** Difference `actual` with this lag for the MASE scale; 0 (default) = no. */
  readonly seasonality?: number
}

/**
 * Validates the series and sums them in one pass (see {@link ForecastSums} for overflow).
 * Throws `MISSING_VALUE` / `VALUE_OUT_OF_RANGE` for a series that is not an array-like,
 * `LENGTH_MISMATCH`, `NOT_FINITE` (any value that is not a finite `number`, with its place),
 * `NEGATIVE_VALUE` (a weight), `EMPTY_WEIGHTS`.
 */
export function scanSeries(
  series: ForecastSeries,
  metric: string,
  options: ScanOptions = {},
): SeriesScan {
  requireSeries(series, metric)
  const { actual, forecast, weights } = series
  const full = options.full === true
  const slack = (options.tolerance ?? 0.1) * (1 + 1e-12)
  const seasonality = options.seasonality ?? 0
  // Typed arrays hold only numbers: their values need no typeof check per element, and a
  // non-finite one shows in the sums (then they are scanned for it).
  const trusted = isNumberArray(actual) && isNumberArray(forecast)
  let unit = 1
  let totals = accumulate(
    actual,
    forecast,
    weights,
    slack,
    seasonality,
    full,
    !trusted,
    unit,
    metric,
  )
  if (!additiveSumsFinite(totals)) {
    if (trusted) requireFiniteValues(series, metric)
    unit = RESCUE_UNIT
    totals = accumulate(actual, forecast, weights, slack, seasonality, full, !trusted, unit, metric)
  }
  const sums = sumsOf(totals, actual.length)
  if (!(sums.weight - sums.weight === 0)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: ['weights'],
      message: `${metric}: the weights are too large to add up in double precision`,
    })
  }
  if (weights !== undefined && sums.n > 0 && sums.weight === 0) {
    throw new MetricInputError({
      code: 'EMPTY_WEIGHTS',
      metric,
      path: ['weights'],
      message: `${metric}: every weight is 0; at least one period needs a positive weight`,
    })
  }
  return { sums, naiveTotal: seasonality > 0 ? (totals[10] as number) : null, unit }
}

/** Adds `b` into `a`. */
export function mergeSums(a: ForecastSums, b: ForecastSums): void {
  for (const key of FORECAST_SUM_KEYS) a[key] += b[key]
}

/** A typed array of numbers (not BigInt): every element is a `number`. */
function isNumberArray(values: ArrayLike<number>): boolean {
  return (
    ArrayBuffer.isView(values) &&
    !(values instanceof DataView) &&
    !(values instanceof BigInt64Array) &&
    !(values instanceof BigUint64Array)
  )
}

/** Throws `NOT_FINITE` at the first NaN or ±Infinity in actual or forecast (typed arrays). */
function requireFiniteValues(series: ForecastSeries, metric: string): void {
  for (const field of ['actual', 'forecast'] as const) {
    const values = series[field]
    for (let index = 0; index < values.length; index++) {
      const value = values[index] as number
      if (value - value !== 0) throw notFinite(metric, field, index, value)
    }
  }
}

/**
 * Whether the additive sums (Σw, Σw|e|, Σwe², Σwe, Σw|A|, naive) are finite. The ratio sums
 * are left alone: a percentage error that overflows on a subnormal actual is MAPE's own
 * problem (`percentageMean`), not a reason to rescale.
 */
function additiveSumsFinite(totals: Float64Array): boolean {
  const check =
    (totals[0] as number) +
    (totals[1] as number) +
    (totals[2] as number) +
    (totals[3] as number) +
    (totals[4] as number) +
    (totals[10] as number)
  return check - check === 0
}

function sumsOf(totals: Float64Array, n: number): ForecastSums {
  return {
    n,
    weight: totals[0] as number,
    absoluteError: totals[1] as number,
    squaredError: totals[2] as number,
    error: totals[3] as number,
    absoluteActual: totals[4] as number,
    percentageError: totals[5] as number,
    percentageWeight: totals[6] as number,
    zeroActuals: totals[7] as number,
    symmetricError: totals[8] as number,
    hits: totals[9] as number,
  }
}

/**
 * The hot loop, alone in its function and returning its sums as one typed array: no
 * arithmetic follows the loop, so code V8 compiles while the loop runs (OSR) has nothing
 * left to deoptimize on. Every value is checked in the same pass (`typeof` and finiteness:
 * `null`, strings and `undefined` holes are refused, never coerced). Returns
 * [Σw, Σw|e|, Σwe², Σwe, Σw|A|, Σw|e|/|A|, Σw (A ≠ 0), zeros, Σw2|e|/(|A|+|F|), hits, naive].
 */
function accumulate(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  slack: number,
  seasonality: number,
  full: boolean,
  checked: boolean,
  unit: number,
  metric: string,
): Float64Array {
  const length = actual.length
  const weighted = weights !== undefined
  let weight = 0
  let absoluteError = 0
  let squaredError = 0
  let error = 0
  let absoluteActual = 0
  let percentageError = 0
  let percentageWeight = 0
  let zeroActuals = 0
  let symmetricError = 0
  let hits = 0
  let naive = 0
  for (let index = 0; index < length; index++) {
    const rawActual = actual[index] as number
    const rawForecast = forecast[index] as number
    if (checked) {
      if (typeof rawActual !== 'number' || rawActual - rawActual !== 0) {
        throw notFinite(metric, 'actual', index, rawActual)
      }
      if (typeof rawForecast !== 'number' || rawForecast - rawForecast !== 0) {
        throw notFinite(metric, 'forecast', index, rawForecast)
      }
    }
    let w = 1
    if (weighted) {
      const rawWeight = weights[index] as unknown
      if (typeof rawWeight !== 'number' || !(rawWeight >= 0 && rawWeight - rawWeight === 0)) {
        throw badWeight(metric, index, rawWeight)
      }
      w = rawWeight
    }
    const a = rawActual * unit
    const f = rawForecast * unit
    // The signed error is F − A everywhere (over-forecast positive).
    const e = f - a
    const absolute = Math.abs(e)
    const size = Math.abs(a)
    weight += w
    error += w * e
    absoluteError += w * absolute
    squaredError += w * e * e
    absoluteActual += w * size
    if (seasonality > 0 && index >= seasonality) {
      naive += Math.abs(a - (actual[index - seasonality] as number) * unit)
    }
    if (full) {
      const scale = size + Math.abs(f)
      if (size === 0) {
        zeroActuals++
      } else {
        percentageError += ratioTerm(w, absolute, size)
        percentageWeight += w
      }
      // The term is at most 2w, but 2w|e| may overflow first (|e| near 1.8e308); × 2 is exact.
      if (scale > 0) symmetricError += 2 * ratioTerm(w, absolute, scale)
      // A number from the comparison, not a branch: hits are unpredictable, and a
      // mispredicted branch per period made this loop five times slower.
      hits += w * +(absolute <= slack * size)
    }
  }
  return Float64Array.of(
    weight,
    absoluteError,
    squaredError,
    error,
    absoluteActual,
    percentageError,
    percentageWeight,
    zeroActuals,
    symmetricError,
    hits,
    naive,
  )
}

/**
 * w · part / whole, in that order (the floats of 0.1), or w · (part / whole) when w · part
 * overflows although the term does not. Internal.
 */
export function ratioTerm(weight: number, part: number, whole: number): number {
  const term = (weight * part) / whole
  return term - term === 0 ? term : weight * (part / whole)
}

/**
 * Checks that `series` is an object whose `actual` and `forecast` (and `weights`, if given)
 * are array-likes of equal length. Values are checked by the pass that reads them.
 */
export function requireSeries(series: ForecastSeries, metric: string): void {
  if (typeof series !== 'object' || series === null) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [],
      message: `${metric}: the input is ${describeValue(series)}; pass an object { actual, forecast }`,
    })
  }
  const length = requireArrayLike(series.actual, metric, 'actual')
  requireArrayLike(series.forecast, metric, 'forecast')
  if (series.weights !== undefined) requireArrayLike(series.weights, metric, 'weights')
  for (const field of ['forecast', 'weights'] as const) {
    const values = series[field]
    if (values !== undefined) requireSameLength(values, length, metric, [field], 'actual')
  }
}

/**
 * Returns the length of an array-like: an object (an array, a typed array, `{ length }`)
 * whose `length` is a non-negative safe integer. `MISSING_VALUE` when absent,
 * `VALUE_OUT_OF_RANGE` otherwise (a string, a number, `{ length: -1 }`, `{ length: 2.5 }`).
 */
export function requireArrayLike(value: unknown, metric: string, field: string): number {
  if (value === undefined || value === null) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [field],
      message: `${metric}: ${field} is ${describeValue(value)}; it must be an array of numbers`,
    })
  }
  const length = typeof value === 'object' ? (value as { length?: unknown }).length : undefined
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: [field],
      message: `${metric}: ${field} is ${describeValue(value)}; it must be an array of numbers (an array-like with a length that is a whole number ≥ 0)`,
    })
  }
  return length
}

/**
 * In-sample MAE of the seasonal naive forecast on `series`, in `unit` (1, or 2^−600 when the
 * plain total overflows); `null` when the series has ≤ m values. Checks every value.
 */
export function naiveScale(
  series: ArrayLike<number>,
  seasonality: number,
  metric: string,
  field: string,
): { readonly value: number; readonly unit: number } | null {
  const length = requireArrayLike(series, metric, field)
  let unit = 1
  let total = naiveTotal(series, seasonality, unit, metric, field)
  if (!(total - total === 0)) {
    unit = RESCUE_UNIT
    total = naiveTotal(series, seasonality, unit, metric, field)
  }
  return length <= seasonality ? null : { value: total / (length - seasonality), unit }
}

function naiveTotal(
  series: ArrayLike<number>,
  seasonality: number,
  unit: number,
  metric: string,
  field: string,
): number {
  let total = 0
  for (let index = 0; index < series.length; index++) {
    const value = series[index] as unknown
    if (typeof value !== 'number' || value - value !== 0) {
      throw notFinite(metric, field, index, value)
    }
    if (index >= seasonality) {
      total += Math.abs(value * unit - (series[index - seasonality] as number) * unit)
    }
  }
  return total
}

/**
 * The running tracking signal Σ(F − A) / mean|F − A| after each period, over-forecast
 * positive (`null` while the mean absolute error is 0), computed as n · (Σ(F − A) / Σ|F − A|)
 * so that it stays finite
 * (|signal| ≤ n); rescaled like {@link scanSeries} when a running sum overflows.
 */
export function runningTrackingSignal(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  metric: string,
): (number | null)[] {
  const signals = trackingPass(actual, forecast, 1, metric)
  return signals ?? (trackingPass(actual, forecast, RESCUE_UNIT, metric) as (number | null)[])
}

function trackingPass(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  unit: number,
  metric: string,
): (number | null)[] | null {
  const signals: (number | null)[] = new Array(actual.length)
  let runningError = 0
  let runningAbsolute = 0
  for (let index = 0; index < actual.length; index++) {
    const a = actual[index] as unknown
    const f = forecast[index] as unknown
    if (typeof a !== 'number' || a - a !== 0) throw notFinite(metric, 'actual', index, a)
    if (typeof f !== 'number' || f - f !== 0) throw notFinite(metric, 'forecast', index, f)
    const e = f * unit - a * unit
    runningError += e
    runningAbsolute += Math.abs(e)
    if (!(runningAbsolute - runningAbsolute === 0)) return null
    signals[index] =
      runningAbsolute === 0 ? null : plusZero((runningError / runningAbsolute) * (index + 1))
  }
  return signals
}

export function notFinite(
  metric: string,
  field: string,
  index: number | null,
  value: unknown,
): MetricInputError {
  return new MetricInputError({
    code: 'NOT_FINITE',
    metric,
    path: index === null ? [field] : [field, index],
    message: `${metric}: ${field}${index === null ? '' : ` at index ${index}`} is ${describeValue(value)}; values must be finite numbers`,
  })
}

function badWeight(metric: string, index: number, value: unknown): MetricInputError {
  const negative = typeof value === 'number' && value < 0
  return new MetricInputError({
    code: negative ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
    metric,
    path: ['weights', index],
    message: `${metric}: weight at index ${index} is ${describeValue(value)}; weights must be finite numbers ≥ 0`,
  })
}

/** `value` with −0 turned into 0. */
export function plusZero(value: number): number {
  return value + 0
}

/**
 * A metric's finished value: `null` stays `null`, −0 becomes 0, and a value that does not
 * fit a double throws `VALUE_OUT_OF_RANGE` naming the metric (never Infinity or NaN).
 */
export function finished(
  value: number | null,
  metric: string,
  path?: MetricInputPath,
): number | null {
  if (value === null) return null
  if (!(value - value === 0)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      ...(path === undefined ? {} : { path }),
      message: `${metric}: the result does not fit a double-precision number (the values are too large)`,
    })
  }
  return value + 0
}

/** Σ / Σw, or `null` when there is nothing to average. */
export function mean(total: number, weight: number): number | null {
  return weight === 0 ? null : total / weight
}

/** MAE = Σw|e| / Σw. */
export function meanAbsoluteOf(scan: SeriesScan, metric: string): number | null {
  const value = mean(scan.sums.absoluteError, scan.sums.weight)
  return finished(value === null ? null : value / scan.unit, metric)
}

/** RMSE = √(Σwe² / Σw). */
export function rootMeanSquareOf(scan: SeriesScan, metric: string): number | null {
  const { sums } = scan
  return finished(
    sums.weight === 0 ? null : Math.sqrt(sums.squaredError / sums.weight) / scan.unit,
    metric,
  )
}

/** ME = Σw(F − A) / Σw (over-forecast positive). */
export function meanErrorOf(scan: SeriesScan, metric: string): number | null {
  const value = mean(scan.sums.error, scan.sums.weight)
  return finished(value === null ? null : value / scan.unit, metric)
}

/** WAPE = Σw|e| / Σw|A| (the unit cancels). */
export function weightedPercentageOf(scan: SeriesScan, metric: string): number | null {
  return finished(mean(scan.sums.absoluteError, scan.sums.absoluteActual), metric)
}

/** Bias = Σw(F − A) / Σw|A| (over-forecast positive). */
export function biasOf(scan: SeriesScan, metric: string): number | null {
  return finished(mean(scan.sums.error, scan.sums.absoluteActual), metric)
}

/** MASE = MAE / scale, both in their own units. */
export function scaledErrorOf(
  scan: SeriesScan,
  scale: { readonly value: number; readonly unit: number } | null,
  metric: string,
): number | null {
  const mae = mean(scan.sums.absoluteError, scan.sums.weight)
  if (mae === null || scale === null || scale.value === 0) return null
  return finished((mae / scale.value) * (scale.unit / scan.unit), metric)
}

/** Final tracking signal n·Σ(F − A)/Σ|F − A| (order-free); `null` when Σ|e| = 0. */
export function finalTrackingSignalOf(sums: ForecastSums, metric: string): number | null {
  return finished(
    sums.absoluteError === 0 ? null : (sums.error / sums.absoluteError) * sums.n,
    metric,
  )
}

/**
 * The MAPE of the sums; `VALUE_OUT_OF_RANGE` when an actual is so close to 0 (a subnormal
 * number) that its percentage error overflows — never Infinity.
 */
export function percentageMean(sums: ForecastSums, metric: string): number | null {
  const value = mean(sums.percentageError, sums.percentageWeight)
  if (value !== null && !(value - value === 0)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path: ['actual'],
      message: `${metric}: an actual is so close to 0 that its percentage error overflows; use WAPE for such data`,
    })
  }
  return value === null ? null : value + 0
}

/** `value`, or `fallback` when it is `undefined` only (a `null` option is refused, not defaulted). */
export function optionOr<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value
}

export { guardInput } from '../core/validate.js'
