import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, meanErrorOf, scanSeries } from './forecastKernel.js'

/**
 * Mean error (ME): the average signed miss, actual minus forecast — positive means the
 * forecasts were too low (under-forecast), as in R `forecast::accuracy`.
 *
 * ```text
 * ME = Σ w(A − F) / Σ w          > 0: under-forecast,  < 0: over-forecast
 * ```
 * See `forecastBias` for the same direction of error as a share of actuals, with the
 * opposite sign convention (over-forecast positive), as sales teams usually read it.
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns The ME; `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * meanError({ actual: [10, 20], forecast: [8, 18] }) // => 2
 * ```
 * @see robjhyndman/forecast `R/errors.R` (`error <- x - f`).
 * @category Forecast
 */
export function meanError(series: ForecastSeries): number | null {
  const metric = 'meanError'
  return guardInput(metric, () => meanErrorOf(scanSeries(series, metric), metric))
}
