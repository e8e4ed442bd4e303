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

/** Validates the series and sums them in one pass. */
export function sumSeries(series: ForecastSeries, metric: string, tolerance = 0.1): ForecastSums {
  const { actual, forecast, weights } = series
  requireSameLength(series, metric)
  const sums = emptySums()
  const length = actual.length
  for (let index = 0; index < length; index++) {
    const a = actual[index] as number
    const f = forecast[index] as number
    // a − a is 0 for every finite number and NaN for NaN and ±Infinity: one cheap check.
    if (a - a !== 0) throw notFinite(metric, 'actual', index, a)
    if (f - f !== 0) throw notFinite(metric, 'forecast', index, f)
    let w = 1
    if (weights !== undefined) {
      w = weights[index] as number
      if (!(w >= 0 && w - w === 0)) throw badWeight(metric, index, w)
    }
    addPeriod(sums, a, f, w, tolerance)
  }
  requireSomeWeight(weights !== undefined && sums.n > 0 && sums.weight === 0, metric)
  return sums
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
  for (let index = 0; index < length; index++) {
    const a = actual[index] as number
    const f = forecast[index] as number
    if (a - a !== 0) throw notFinite(metric, 'actual', index, a)
    if (f - f !== 0) throw notFinite(metric, 'forecast', index, f)
    let w = 1
    if (weights !== undefined) {
      w = weights[index] as number
      if (!(w >= 0 && w - w === 0)) throw badWeight(metric, index, w)
    }
    const e = a - f
    weight += w
    error += w * e
    absoluteError += w * Math.abs(e)
    squaredError += w * e * e
    absoluteActual += w * Math.abs(a)
  }
  requireSomeWeight(weights !== undefined && length > 0 && weight === 0, metric)
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

/** Σ / Σw, or `null` when there is nothing to average. */
export function mean(total: number, weight: number): number | null {
  return weight === 0 ? null : total / weight
}
