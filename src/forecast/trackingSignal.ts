import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, requireSeries, runningTrackingSignal } from './forecastKernel.js'

/**
 * The tracking signal per period: the running sum of errors divided by the running mean
 * absolute error (MAD). Values beyond ±4 (some use ±3) say the forecast is biased, not
 * just noisy; positive means the forecast keeps running above the actuals (over-forecast),
 * the library's one direction (`'over-forecast-positive'`, as `forecastBias` and `meanError`).
 *
 * ```text
 * TS_t = Σ_{i ≤ t} (F_i − A_i) / ((1/t) Σ_{i ≤ t} |F_i − A_i|)
 * ```
 * Textbooks that define the error as A − F (RSFE with "actual minus forecast") print the
 * negation; until 0.2 this function did too (see the 0.2.0 change log).
 *
 * @param series - `{ actual, forecast }` (weights are not used).
 * @returns One value per period, between −t and t; `null` where the running MAD is 0.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * trackingSignal({ actual: [10, 12, 11], forecast: [10, 10, 10] }) // => [null, -2, -3]
 * ```
 * @see codingace.net tracking signal chart; docs/metric-definitions.md §4.6 (RSFE / MAD).
 * @category Forecast
 */
export function trackingSignal(series: ForecastSeries): (number | null)[] {
  const metric = 'trackingSignal'
  return guardInput(metric, () => {
    // Weights are not used, so only actual and forecast are checked.
    if (typeof series !== 'object' || series === null) requireSeries(series, metric)
    requireSeries({ actual: series.actual, forecast: series.forecast }, metric)
    return runningTrackingSignal(series.actual, series.forecast, metric)
  })
}
