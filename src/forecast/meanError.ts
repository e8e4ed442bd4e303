import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, meanErrorOf, scanSeries } from './forecastKernel.js'

/**
 * Mean error (ME): the average signed miss, forecast minus actual — positive means the
 * forecasts ran too high (over-forecast), the library's one direction
 * (`'over-forecast-positive'`, shared with `forecastBias` and `trackingSignal`).
 *
 * ```text
 * ME = Σ w(F − A) / Σ w          > 0: over-forecast,  < 0: under-forecast
 * ```
 * R `forecast::accuracy` reports ME with the opposite sign (its error is A − F): R's `ME` is
 * `-meanError(…)`. Until 0.2 this function followed R; see the 0.2.0 change log.
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns The ME, in the units of the data; `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * meanError({ actual: [10, 20], forecast: [8, 18] }) // => -2
 * ```
 * @see Nixtla utilsforecast `bias` (mean(F − A), the same sign); robjhyndman/forecast
 *   `R/errors.R` (`error <- x - f`, the negated sign).
 * @category Forecast
 */
export function meanError(series: ForecastSeries): number | null {
  const metric = 'meanError'
  return guardInput(metric, () => meanErrorOf(scanSeries(series, metric), metric))
}
