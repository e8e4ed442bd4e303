import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { ForecastSeries } from './ForecastSeries.js'
import {
  guardInput,
  plusZero,
  requireSeries,
  scanSeries,
  weightedPercentageOf,
} from './forecastKernel.js'

/**
 * Input of {@link forecastAccuracy}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyInput extends ForecastSeries {
  /** Clamp the result from below, e.g. `0` as many dashboards do; default no clamp. */
  readonly floor?: number
}

/**
 * Forecast accuracy as sales operations report it: one minus WAPE. 100 % is perfect; it
 * goes negative when the total miss exceeds the total actual, unless a `floor` clamps it.
 *
 * ```text
 * accuracy = 1 − Σ w|A − F| / Σ w|A|        (optionally max(floor, …))
 * ```
 *
 * @param input - `{ actual, forecast, weights?, floor? }`.
 * @returns A fraction ≤ 1; `null` when Σ|A| = 0 or the series is empty.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`,
 *   `INVALID_OPTION` (floor).
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * forecastAccuracy({ actual: [100, 50], forecast: [90, 70] }) // => 0.8
 * forecastAccuracy({ actual: [10], forecast: [40], floor: 0 }) // => 0
 * ```
 * @see kpitree.co forecast accuracy (1 − |F − A| / A); Salesforce Trailhead forecasting.
 * @category Forecast
 */
export function forecastAccuracy(input: ForecastAccuracyInput): number | null {
  const metric = 'forecastAccuracy'
  return guardInput(metric, () => {
    requireSeries(input, metric)
    const floor = input.floor
    if (floor !== undefined && !(typeof floor === 'number' && floor - floor === 0)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['floor'],
        message: `${metric}: option floor is ${describeValue(floor)}; it must be a finite number`,
      })
    }
    const wape = weightedPercentageOf(scanSeries(input, metric), metric)
    if (wape === null) return null
    return floor === undefined ? 1 - wape : plusZero(Math.max(floor, 1 - wape))
  })
}
