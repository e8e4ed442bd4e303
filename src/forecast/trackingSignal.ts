import type { ForecastSeries } from './ForecastSeries.js'
import { notFinite, requireSameLength } from './forecastKernel.js'

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
 * @example
 * ```ts
 * trackingSignal({ actual: [10, 12, 11], forecast: [10, 10, 10] }) // => [null, 2, 3]
 * ```
 * @see codingace.net tracking signal chart; metric-definitions §4.6 (RSFE / MAD).
 */
export function trackingSignal(series: ForecastSeries): (number | null)[] {
  const metric = 'trackingSignal'
  requireSameLength({ actual: series.actual, forecast: series.forecast }, metric)
  const signals: (number | null)[] = []
  let runningError = 0
  let runningAbsolute = 0
  for (let index = 0; index < series.actual.length; index++) {
    const a = series.actual[index] as number
    const f = series.forecast[index] as number
    if (a - a !== 0) throw notFinite(metric, 'actual', index, a)
    if (f - f !== 0) throw notFinite(metric, 'forecast', index, f)
    runningError += a - f
    runningAbsolute += Math.abs(a - f)
    signals.push(runningAbsolute === 0 ? null : runningError / (runningAbsolute / (index + 1)))
  }
  return signals
}
