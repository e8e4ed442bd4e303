import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, requireSeries, runningTrackingSignal } from './forecastKernel.js'

/**
 * The tracking signal per period: the running sum of errors divided by the running mean
 * absolute error (MAD). Values beyond ±4 (some use ±3) say the forecast is biased, not
 * just noisy; positive means actuals keep beating the forecast (under-forecast).
 *
 * ```text
 * TS_t = Σ_{i ≤ t} (A_i − F_i) / ((1/t) Σ_{i ≤ t} |A_i − F_i|)
 * ```
 *
 * @param series - `{ actual, forecast }` (weights are not used).
 * @returns One value per period; `null` where the running MAD is 0.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * trackingSignal({ actual: [10, 12, 11], forecast: [10, 10, 10] }) // => [null, 2, 3]
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
