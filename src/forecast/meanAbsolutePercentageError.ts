import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, percentageMean, scanSeries } from './forecastKernel.js'

/**
 * Mean absolute percentage error (MAPE) as a fraction: the average miss relative to the
 * actual. Periods whose actual is 0 have no percentage error and are left out — never
 * replaced by a huge number (scikit-learn's eps) or counted as 0 (an old utilsforecast bug);
 * `forecastAccuracyReport` says how many were left out. Prefer WAPE for sparse data.
 *
 * ```text
 * MAPE = Σ_{A ≠ 0} w|A − F|/|A| / Σ_{A ≠ 0} w       (0.1 = 10 %)
 * ```
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns A fraction ≥ 0; `null` when no period has a non-zero actual.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`,
 *   `VALUE_OUT_OF_RANGE` (an actual so close to 0 that its percentage error overflows).
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * meanAbsolutePercentageError({ actual: [100, 0, 50], forecast: [110, 5, 45] }) // => 0.1
 * ```
 * @see Nixtla/utilsforecast#89 (ignore zeros); tidymodels/yardstick#271; R forecast `accuracy()`.
 * @category Forecast
 */
export function meanAbsolutePercentageError(series: ForecastSeries): number | null {
  const metric = 'meanAbsolutePercentageError'
  return guardInput(metric, () =>
    percentageMean(scanSeries(series, metric, { full: true }).sums, metric),
  )
}
