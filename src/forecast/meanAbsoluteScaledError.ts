import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireIntegerOption } from '../core/validate.js'
import type { ForecastSeries } from './ForecastSeries.js'
import {
  guardInput,
  naiveScale,
  optionOr,
  requireSeries,
  type SeriesScan,
  scaledErrorOf,
  scanSeries,
} from './forecastKernel.js'

/**
 * Input of {@link meanAbsoluteScaledError}.
 *
 * @category Forecast
 */
export interface MeanAbsoluteScaledErrorInput extends ForecastSeries {
  /** The in-sample (history) series the naive forecast is scored on. */
  readonly training?: ArrayLike<number>
  /** Season length m of the naive forecast (1 = last value, 12 = same month last year); default 1. */
  readonly seasonality?: number
}

/**
 * Mean absolute scaled error (MASE): the forecast's MAE divided by the MAE the seasonal
 * naive forecast ("same as m periods ago") achieves on the history. Below 1 beats naive;
 * comparable across products and reps of any scale; defined with zero actuals.
 *
 * ```text
 * scale = (1 / (T − m)) Σ_{t = m+1..T} |y_t − y_{t−m}|      over training (else over actual)
 * MASE  = MAE(actual, forecast) / scale
 * ```
 * Without `training` the scale comes from `actual` itself (as yardstick and R `Metrics` do);
 * prefer passing the history. A constant history has scale 0: MASE is then undefined, not 0.
 *
 * @param input - `{ actual, forecast, weights?, training?, seasonality? }`.
 * @returns MASE ≥ 0; `null` when the series is empty, the scale series has at most m
 *   values, or the scale is 0.
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE` (path `['training', i]` …),
 *   `INVALID_OPTION` (seasonality must be an integer ≥ 1), `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`.
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * meanAbsoluteScaledError({ actual: [18, 20], forecast: [17, 21], training: [10, 12, 14, 16] }) // => 0.5
 * ```
 * @see R. J. Hyndman & A. B. Koehler (2006), "Another look at measures of forecast accuracy",
 *   IJF 22(4); robjhyndman/forecast `R/errors.R`.
 * @category Forecast
 */
export function meanAbsoluteScaledError(input: MeanAbsoluteScaledErrorInput): number | null {
  const metric = 'meanAbsoluteScaledError'
  return guardInput(metric, () => {
    const { scan, scale } = scanWithScale(input, metric, false)
    return scaledErrorOf(scan, scale, metric)
  })
}

/**
 * Checks the series and `seasonality`, scans them (the full report's sums when `full`), and
 * finds the MASE scale: from `training` when given, else from differencing `actual` in the
 * same pass. Shared by MASE and the report. Internal.
 */
export function scanWithScale(
  input: MeanAbsoluteScaledErrorInput,
  metric: string,
  full: boolean,
  tolerance = 0.1,
): { readonly scan: SeriesScan; readonly scale: ReturnType<typeof ownScale> } {
  requireSeries(input, metric)
  const seasonality = requireIntegerOption(
    optionOr(input.seasonality, 1),
    1,
    Number.MAX_SAFE_INTEGER,
    metric,
    'seasonality',
  )
  const training = input.training
  const scan = scanSeries(input, metric, {
    ...(full ? { full: true, tolerance } : {}),
    seasonality: training === undefined ? seasonality : 0,
  })
  const scale =
    training === undefined
      ? ownScale(scan.naiveTotal as number, input.actual.length, seasonality, scan.unit)
      : naiveScale(training, seasonality, metric, 'training')
  return { scan, scale }
}

/** The MASE scale from `actual` itself, differenced in the scan's pass. Internal. */
export function ownScale(
  naiveTotal: number,
  length: number,
  seasonality: number,
  unit: number,
): { readonly value: number; readonly unit: number } | null {
  return length <= seasonality ? null : { value: naiveTotal / (length - seasonality), unit }
}

/** Checks a scale given up front (aggregators): finite and > 0. Internal. */
export function requireScale(scale: unknown, metric: string): number {
  if (typeof scale !== 'number' || !(scale > 0 && scale - scale === 0)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['scale'],
      message: `${metric}: option scale is ${describeValue(scale)}; it must be a finite number > 0 (the naive in-sample MAE)`,
    })
  }
  return scale
}
