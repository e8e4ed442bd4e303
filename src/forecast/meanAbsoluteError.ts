import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, meanAbsoluteOf, scanSeries } from './forecastKernel.js'

/**
 * Mean absolute error (MAE): the average size of the forecast miss, in the units of the
 * data (currency for a revenue forecast).
 *
 * ```text
 * MAE = Σ w|A − F| / Σ w        (w = 1 without weights)
 * ```
 *
 * @param series - `{ actual, forecast, weights? }`, equal lengths, finite numbers.
 * @returns The MAE (≥ 0); `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE` (path `['actual', i]` …),
 *   `NEGATIVE_VALUE` (a weight), `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * meanAbsoluteError({ actual: [3, -0.5, 2, 7], forecast: [2.5, 0.0, 2, 8] }) // => 0.5
 * ```
 * @see scikit-learn `mean_absolute_error` (its documented example); R forecast `accuracy()`.
 * @category Forecast
 */
export function meanAbsoluteError(series: ForecastSeries): number | null {
  const metric = 'meanAbsoluteError'
  return guardInput(metric, () => meanAbsoluteOf(scanSeries(series, metric), metric))
}
