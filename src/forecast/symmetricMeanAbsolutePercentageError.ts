import { requireOneOf } from '../core/validate.js'
import type { ForecastSeries } from './ForecastSeries.js'
import {
  finished,
  guardInput,
  mean,
  optionOr,
  requireSeries,
  scanSeries,
} from './forecastKernel.js'

/**
 * The sMAPE definitions offered: `'m4'` (0..2) and `'bounded'` (0..1).
 *
 * @example
 * ```ts
 * SMAPE_VARIANTS // => ['m4', 'bounded']
 * ```
 * @category Forecast
 */
export const SMAPE_VARIANTS = ['m4', 'bounded'] as const
/**
 * One of {@link SMAPE_VARIANTS}.
 *
 * @category Forecast
 */
export type SmapeVariant = (typeof SMAPE_VARIANTS)[number]

/**
 * Input of {@link symmetricMeanAbsolutePercentageError}.
 *
 * @category Forecast
 */
export interface SymmetricMeanAbsolutePercentageErrorInput extends ForecastSeries {
  /** `'m4'` (default): the M4 competition's 2|A−F|/(|A|+|F|); `'bounded'`: half of it. */
  readonly variant?: SmapeVariant
}

/**
 * Symmetric MAPE, under one of its two published definitions named explicitly (peers
 * disagree by a factor of 2 under one name). A term with A = F = 0 counts as 0 — a perfect
 * forecast of nothing.
 *
 * ```text
 * m4:      sMAPE = mean 2|A − F| / (|A| + |F|)      range 0..2   (M4 competition, R Metrics)
 * bounded: sMAPE = mean  |A − F| / (|A| + |F|)      range 0..1   (utilsforecast)
 * ```
 * Hyndman & Koehler (2006) advise against sMAPE (it is not symmetric in over- and
 * under-forecasts); it is here because forecast competitions and peers report it.
 *
 * @param input - `{ actual, forecast, weights?, variant? }`.
 * @returns A fraction in the variant's range; `null` for empty series.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`,
 *   `INVALID_OPTION` (variant).
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * symmetricMeanAbsolutePercentageError({ actual: [100, 0], forecast: [50, 0] }) // => 0.3333333333333333
 * symmetricMeanAbsolutePercentageError({ actual: [100, 0], forecast: [50, 0], variant: 'bounded' }) // => 0.16666666666666666
 * ```
 * @see Mcompetitions/M4-methods `smape`; Nixtla/utilsforecast `smape`; Hyndman & Koehler (2006).
 * @category Forecast
 */
export function symmetricMeanAbsolutePercentageError(
  input: SymmetricMeanAbsolutePercentageErrorInput,
): number | null {
  const metric = 'symmetricMeanAbsolutePercentageError'
  return guardInput(metric, () => {
    requireSeries(input, metric)
    const variant = requireOneOf(optionOr(input.variant, 'm4'), SMAPE_VARIANTS, metric, 'variant')
    const { sums } = scanSeries(input, metric, { full: true })
    // A weighted term sum past the largest double (a weight near 1.8e308) is refused, never
    // returned as Infinity.
    const m4 = finished(mean(sums.symmetricError, sums.weight), metric)
    return m4 === null ? null : variant === 'm4' ? m4 : m4 / 2
  })
}
