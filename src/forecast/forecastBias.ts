import type { ForecastSeries } from './ForecastSeries.js'
import { biasOf, guardInput, scanSeries } from './forecastKernel.js'

/**
 * Forecast bias as a share of actuals: how far the forecast runs above (positive) or below
 * (negative) what happened — the "sandbagging vs happy ears" number of a sales forecast.
 *
 * ```text
 * bias = Σ w(F − A) / Σ w|A|        > 0: over-forecast,  < 0: under-forecast
 * ```
 * The sign is the library's one direction (`'over-forecast-positive'`), shared with
 * `meanError` and `trackingSignal`: `forecastBias` is `meanError` scaled by the mean |A|.
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns A fraction (0.05 = 5 % over); `null` when Σ|A| = 0 or the series is empty.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * forecastBias({ actual: [100, 200], forecast: [120, 210] }) // => 0.1
 * ```
 * @see docs/metric-definitions.md §4.6 (percent-of-actual bias, sign named explicitly).
 * @category Forecast
 */
export function forecastBias(series: ForecastSeries): number | null {
  const metric = 'forecastBias'
  return guardInput(metric, () => biasOf(scanSeries(series, metric), metric))
}
