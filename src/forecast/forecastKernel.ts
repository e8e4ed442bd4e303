import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { ForecastSeries } from './ForecastSeries.js'

/**
 * One pass over `{ actual, forecast, weights? }` that validates every value and keeps every
 * sum the forecast metrics need, so each metric — and the report of all of them — reads the
 * data once. Sums are plain float sums (weighted when weights are given). Internal.
 */
export interface ForecastSums {
  /** Periods. */
  n: number
  /** Σ w. */
  weight: number
  /** Σ w|A − F|. */
  absoluteError: number
  /** Σ w(A − F)². */
  squaredError: number
  /** Σ w(A − F). */
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

/** Adds one period (validated) to `sums`. */
export function addPeriod(
  sums: ForecastSums,
  actual: number,
  forecast: number,
  weight: number,
  tolerance: number,
): void {
  const error = actual - forecast
  const absoluteError = Math.abs(error)
  const absoluteActual = Math.abs(actual)
  const scale = absoluteActual + Math.abs(forecast)
  sums.n++
  sums.weight += weight
  sums.absoluteError += weight * absoluteError
  sums.squaredError += weight * error * error
  sums.error += weight * error
  sums.absoluteActual += weight * absoluteActual
  if (actual === 0) {
    sums.zeroActuals++
  } else {
    sums.percentageError += (weight * absoluteError) / absoluteActual
    sums.percentageWeight += weight
  }
  if (scale > 0) sums.symmetricError += (2 * weight * absoluteError) / scale
  if (absoluteError <= tolerance * absoluteActual * (1 + 1e-12)) sums.hits += weight
}

/** Adds `b` into `a`. */
export function mergeSums(a: ForecastSums, b: ForecastSums): void {
  for (const key of Object.keys(a) as (keyof ForecastSums)[]) a[key] += b[key]
}

/**
 * Validates the series and sums them in one pass. The unweighted loop keeps its sums in
 * locals and checks finiteness once at the end (a NaN or ±Infinity input makes a sum
 * non-finite, and only then is the input scanned for the culprit); weights are checked
 * per period.
 */
export function sumSeries(series: ForecastSeries, metric: string, tolerance = 0.1): ForecastSums {
  return scanSeries(series, metric, tolerance, 0).sums
}

/** The sums, plus the seasonal-naive total of `actual` when `seasonality` > 0 (unweighted pass only; else `null`). */
export interface SeriesScan {
  readonly sums: ForecastSums
  /** Σ_{t ≥ m} |A_t − A_{t−m}|, computed in the same pass; `null` when not computed. */
  readonly naiveTotal: number | null
}

/** `sumSeries` that can also difference `actual` for the MASE scale in the same pass. */
export function scanSeries(
  series: ForecastSeries,
  metric: string,
  tolerance: number,
  seasonality: number,
): SeriesScan {
  const { actual, forecast, weights } = series
  requireSameLength(series, metric)
  if (weights !== undefined) {
    const sums = emptySums()
    for (let index = 0; index < actual.length; index++) {
      const w = weights[index] as number
      if (!(w >= 0 && w - w === 0)) throw badWeight(metric, index, w)
      addPeriod(sums, actual[index] as number, forecast[index] as number, w, tolerance)
    }
    requireFiniteSums(
      series,
      metric,
      sums.absoluteError + sums.squaredError + sums.absoluteActual + sums.error,
    )
    requireSomeWeight(sums.n > 0 && sums.weight === 0, metric)
    return { sums, naiveTotal: null }
  }
  const length = actual.length
  const totals = accumulate(actual, forecast, tolerance * (1 + 1e-12), seasonality)
  const [
    absoluteError = 0,
    squaredError = 0,
    error = 0,
    absoluteActual = 0,
    percentageError = 0,
    zeroActuals = 0,
    symmetricError = 0,
    hits = 0,
    naive = 0,
  ] = totals
  requireFiniteSums(series, metric, absoluteError + squaredError + absoluteActual + error)
  const sums: ForecastSums = {
    n: length,
    weight: length,
    absoluteError: absoluteError,
    squaredError: squaredError,
    error: error,
    absoluteActual: absoluteActual,
    percentageError: percentageError,
    percentageWeight: length - zeroActuals,
    zeroActuals: zeroActuals,
    symmetricError: 2 * symmetricError,
    hits: hits,
  }
  return { sums, naiveTotal: seasonality > 0 ? naive : null }
}

/**
 * The hot loop of `scanSeries`, alone in its function and returning its sums as one typed
 * array: no arithmetic follows the loop, so code V8 compiles while the loop runs (OSR) has
 * nothing left to deoptimize on. Internal.
 */
function accumulate(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  slack: number,
  seasonality: number,
): Float64Array {
  const length = actual.length
  let absoluteError = 0
  let squaredError = 0
  let error = 0
  let absoluteActual = 0
  let percentageError = 0
  let zeroActuals = 0
  let symmetricError = 0
  let hits = 0
  let naive = 0
  for (let index = 0; index < length; index++) {
    const a = actual[index] as number
    const f = forecast[index] as number
    const e = a - f
    const absolute = Math.abs(e)
    const size = Math.abs(a)
    const scale = size + Math.abs(f)
    error += e
    absoluteError += absolute
    squaredError += e * e
    absoluteActual += size
    if (seasonality > 0 && index >= seasonality)
      naive += Math.abs(a - (actual[index - seasonality] as number))
    if (size === 0) zeroActuals++
    else percentageError += absolute / size
    if (scale > 0) symmetricError += absolute / scale
    // A number from the comparison, not a branch: hits are unpredictable, and a mispredicted
    // branch per period made this loop five times slower.
    hits += +(absolute <= slack * size)
  }
  return Float64Array.of(
    absoluteError,
    squaredError,
    error,
    absoluteActual,
    percentageError,
    zeroActuals,
    symmetricError,
    hits,
    naive,
  )
}

/**
 * A finite `check` (a sum of the accumulated sums) proves every input was finite. Otherwise
 * the series is scanned for the first non-finite value (`NOT_FINITE` with its place); if
 * there is none, the values were too large to add in double precision.
 */
function requireFiniteSums(series: ForecastSeries, metric: string, check: number): void {
  if (check - check === 0) return
  for (const field of ['actual', 'forecast'] as const) {
    const values = series[field]
    for (let index = 0; index < values.length; index++) {
      const value = values[index] as number
      if (value - value !== 0) throw notFinite(metric, field, index, value)
    }
  }
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    message: `${metric}: the values are too large to add up in double precision (a sum overflows)`,
  })
}

/** The sums without divisions: what MAE, RMSE, ME, WAPE, bias and accuracy need. */
export interface ErrorSums {
  n: number
  weight: number
  absoluteError: number
  squaredError: number
  error: number
  absoluteActual: number
}

/**
 * The lighter pass for the metrics that need no per-period division — about as fast as a
 * hand-written WAPE loop. Same validation as `sumSeries`.
 */
export function sumErrors(series: ForecastSeries, metric: string): ErrorSums {
  const { actual, forecast, weights } = series
  requireSameLength(series, metric)
  const length = actual.length
  let weight = 0
  let absoluteError = 0
  let squaredError = 0
  let error = 0
  let absoluteActual = 0
  if (weights === undefined) {
    weight = length
    for (let index = 0; index < length; index++) {
      const a = actual[index] as number
      const e = a - (forecast[index] as number)
      error += e
      absoluteError += Math.abs(e)
      squaredError += e * e
      absoluteActual += Math.abs(a)
    }
  } else {
    for (let index = 0; index < length; index++) {
      const w = weights[index] as number
      if (!(w >= 0 && w - w === 0)) throw badWeight(metric, index, w)
      const a = actual[index] as number
      const e = a - (forecast[index] as number)
      weight += w
      error += w * e
      absoluteError += w * Math.abs(e)
      squaredError += w * e * e
      absoluteActual += w * Math.abs(a)
    }
    requireSomeWeight(length > 0 && weight === 0, metric)
  }
  requireFiniteSums(series, metric, absoluteError + squaredError + absoluteActual + error)
  return { n: length, weight, absoluteError, squaredError, error, absoluteActual }
}

function requireSomeWeight(allZero: boolean, metric: string): void {
  if (allZero) {
    throw new MetricInputError({
      code: 'EMPTY_WEIGHTS',
      metric,
      path: ['weights'],
      message: `${metric}: every weight is 0; at least one period needs a positive weight`,
    })
  }
}

/** Throws `LENGTH_MISMATCH` unless forecast (and weights) are as long as actual. */
export function requireSameLength(series: ForecastSeries, metric: string): void {
  for (const field of ['forecast', 'weights'] as const) {
    const values = series[field]
    if (values !== undefined && values.length !== series.actual.length) {
      throw new MetricInputError({
        code: 'LENGTH_MISMATCH',
        metric,
        path: [field],
        message: `${metric}: ${field} has ${values.length} values but actual has ${series.actual.length}; they must be equally long`,
      })
    }
  }
}

export function notFinite(
  metric: string,
  field: string,
  index: number | null,
  value: number,
): MetricInputError {
  return new MetricInputError({
    code: 'NOT_FINITE',
    metric,
    path: index === null ? [field] : [field, index],
    message: `${metric}: ${field}${index === null ? '' : ` at index ${index}`} is ${describeValue(value)}; values must be finite numbers`,
  })
}

function badWeight(metric: string, index: number, value: number): MetricInputError {
  const negative = value < 0
  return new MetricInputError({
    code: negative ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
    metric,
    path: ['weights', index],
    message: `${metric}: weight at index ${index} is ${describeValue(value)}; weights must be finite numbers ≥ 0`,
  })
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
  return value
}

/** Σ / Σw, or `null` when there is nothing to average. */
export function mean(total: number, weight: number): number | null {
  return weight === 0 ? null : total / weight
}
