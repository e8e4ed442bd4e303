import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, scanSeries, weightedPercentageOf } from './forecastKernel.js'

/**
 * Weighted absolute percentage error (WAPE, also wMAPE or ND): the total miss as a share of
 * the total actual. Robust to individual zero actuals — only the sum matters — which is
 * why sales teams with sparse rep or territory data prefer it to MAPE.
 *
 * ```text
 * WAPE = Σ w|A − F| / Σ w|A|       (0.1 = 10 %)
 * ```
 *
 * @param series - `{ actual, forecast, weights? }`.
 * @returns A fraction ≥ 0; `null` when Σ|A| = 0 (or the series is empty).
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * weightedAbsolutePercentageError({ actual: [100, 0, 50], forecast: [110, 5, 40] }) // => 0.16666666666666666
 * ```
 * @see Nixtla/utilsforecast `wape` (= `nd`); SAP WMAPE definition.
 * @category Forecast
 */
export function weightedAbsolutePercentageError(series: ForecastSeries): number | null {
  const metric = 'weightedAbsolutePercentageError'
  return guardInput(metric, () => weightedPercentageOf(scanSeries(series, metric), metric))
}
