import type { ForecastSeries } from './ForecastSeries.js'
import {
  biasOf,
  finalTrackingSignalOf,
  guardInput,
  mean,
  meanAbsoluteOf,
  meanErrorOf,
  percentageMean,
  rootMeanSquareOf,
  type SeriesScan,
  scaledErrorOf,
  weightedPercentageOf,
} from './forecastKernel.js'
import { scanWithScale } from './meanAbsoluteScaledError.js'

/**
 * Input of {@link forecastAccuracyReport}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyReportInput extends ForecastSeries {
  /** History for the MASE scale (else the actual series itself). */
  readonly training?: ArrayLike<number>
  /** Season length of the MASE naive forecast; default 1. */
  readonly seasonality?: number
}

/**
 * Every scalar forecast metric of one series.
 *
 * @category Forecast
 */
export interface ForecastAccuracyReport {
  /** Periods. */
  readonly n: number
  /** Periods with A = 0, left out of MAPE. */
  readonly zeroActuals: number
  readonly meanAbsoluteError: number | null
  readonly rootMeanSquaredError: number | null
  /** A − F convention (> 0 under-forecast). */
  readonly meanError: number | null
  readonly meanAbsolutePercentageError: number | null
  readonly weightedAbsolutePercentageError: number | null
  /** The M4 variant (0..2). */
  readonly symmetricMeanAbsolutePercentageError: number | null
  readonly meanAbsoluteScaledError: number | null
  /** (F − A) / |A| convention (> 0 over-forecast). */
  readonly forecastBias: number | null
  /** 1 − WAPE, not clamped. */
  readonly forecastAccuracy: number | null
  /** Within ±10 %. */
  readonly forecastHitRate: number | null
  /** The tracking signal of the last period: Σ(A − F) / mean|A − F|. */
  readonly trackingSignal: number | null
}

/**
 * All the scalar forecast-accuracy metrics of one series from a single pass, with the
 * number of periods and of zero actuals (which MAPE leaves out) — the table a forecast
 * review starts from. Each value equals its own function's.
 *
 * ```text
 * one pass: Σ|e|, Σe², Σe, Σ|A|, Σ|e|/|A| (A ≠ 0), Σ2|e|/(|A|+|F|), hits;  e = A − F
 * ```
 *
 * @param input - `{ actual, forecast, weights?, training?, seasonality? }`.
 * @returns The report; metrics are `null` where undefined (see each function).
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`,
 *   `INVALID_OPTION` (seasonality).
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * const report = forecastAccuracyReport({ actual: [100, 0, 50], forecast: [110, 5, 45] })
 * report.zeroActuals // => 1
 * report.meanAbsolutePercentageError // => 0.1
 * report.forecastAccuracy // => 0.8666666666666667
 * ```
 * @see the individual metric functions for formulas and sources.
 * @category Forecast
 */
export function forecastAccuracyReport(input: ForecastAccuracyReportInput): ForecastAccuracyReport {
  const metric = 'forecastAccuracyReport'
  return guardInput(metric, () => {
    const { scan, scale } = scanWithScale(input, metric, true)
    return reportOfScan(scan, scale, metric)
  })
}

/** The report of finished sums and a MASE scale (`null` = unknown). Internal. */
export function reportOfScan(
  scan: SeriesScan,
  scale: { readonly value: number; readonly unit: number } | null,
  metric: string,
): ForecastAccuracyReport {
  const { sums } = scan
  const wape = weightedPercentageOf(scan, metric)
  return {
    n: sums.n,
    zeroActuals: sums.zeroActuals,
    meanAbsoluteError: meanAbsoluteOf(scan, metric),
    rootMeanSquaredError: rootMeanSquareOf(scan, metric),
    meanError: meanErrorOf(scan, metric),
    meanAbsolutePercentageError: percentageMean(sums, metric),
    weightedAbsolutePercentageError: wape,
    symmetricMeanAbsolutePercentageError: mean(sums.symmetricError, sums.weight),
    meanAbsoluteScaledError: scaledErrorOf(scan, scale, metric),
    forecastBias: biasOf(scan, metric),
    forecastAccuracy: wape === null ? null : 1 - wape,
    forecastHitRate: mean(sums.hits, sums.weight),
    trackingSignal: finalTrackingSignalOf(sums, metric),
  }
}
