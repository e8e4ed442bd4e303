import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, rootMeanSquareOf, scanSeries } from './forecastKernel.js'

/**
 * Root mean squared error (RMSE): like MAE but weighting large misses more — one quarter
 * missed by 100 k costs more than four missed by 25 k.
 *
 * ```text
 * RMSE = sqrt(Σ w(A − F)² / Σ w)
 * ```
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns The RMSE (≥ 0); `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * rootMeanSquaredError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] }) // => 0.6123724356957945
 * ```
 * @see scikit-learn `root_mean_squared_error`; R forecast `accuracy()`.
 * @category Forecast
 */
export function rootMeanSquaredError(series: ForecastSeries): number | null {
  const metric = 'rootMeanSquaredError'
  return guardInput(metric, () => rootMeanSquareOf(scanSeries(series, metric), metric))
}
