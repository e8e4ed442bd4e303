import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { ForecastSeries } from './ForecastSeries.js'
import { guardInput, mean, optionOr, requireSeries, scanSeries } from './forecastKernel.js'

/**
 * Input of {@link forecastHitRate}.
 *
 * @category Forecast
 */
export interface ForecastHitRateInput extends ForecastSeries {
  /** Largest miss that still counts as a hit, as a fraction of the actual; default 0.1 (±10 %). */
  readonly tolerance?: number
}

/**
 * Forecast hit rate: the share of periods whose forecast landed within a tolerance of the
 * actual — Salesforce's "within 10 % of actual sales more than half the time" as a number.
 *
 * ```text
 * hit_t = |F_t − A_t| ≤ tolerance · |A_t|        (exact decimal boundaries are hits)
 * hit rate = Σ w·hit / Σ w
 * ```
 * A period with A = 0 is a hit only when F = 0.
 *
 * @param input - `{ actual, forecast, weights?, tolerance? }`.
 * @returns A fraction in [0, 1]; `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE` (weights),
 *   `INVALID_OPTION` (tolerance not a finite number ≥ 0), `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * forecastHitRate({ actual: [100, 100, 100], forecast: [110, 89, 100] }) // => 0.6666666666666666
 * ```
 * @see trailhead.salesforce.com — track sales forecast performance.
 * @category Forecast
 */
export function forecastHitRate(input: ForecastHitRateInput): number | null {
  const metric = 'forecastHitRate'
  return guardInput(metric, () => {
    requireSeries(input, metric)
    const tolerance = requireTolerance(optionOr(input.tolerance, 0.1), metric)
    const { sums } = scanSeries(input, metric, { full: true, tolerance })
    return mean(sums.hits, sums.weight)
  })
}

/** Throws `INVALID_OPTION` unless the hit tolerance is a finite number ≥ 0. Internal. */
export function requireTolerance(tolerance: unknown, metric: string): number {
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance - tolerance === 0)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['tolerance'],
      message: `${metric}: option tolerance is ${describeValue(tolerance)}; it must be a finite number ≥ 0 (a fraction of the actual)`,
    })
  }
  return tolerance
}
