import { requireOneOf } from '../core/validate.js'
import { type ForecastErrorDirection, OVER_FORECAST_POSITIVE } from './ForecastErrorDirection.js'
import type { ForecastSeries } from './ForecastSeries.js'
import { requireTolerance } from './forecastHitRate.js'
import {
  biasOf,
  finalTrackingSignalOf,
  finished,
  guardInput,
  mean,
  meanAbsoluteOf,
  meanErrorOf,
  optionOr,
  percentageMean,
  rootMeanSquareOf,
  type SeriesScan,
  scaledErrorOf,
  weightedPercentageOf,
} from './forecastKernel.js'
import { scanWithScale } from './meanAbsoluteScaledError.js'
import { SMAPE_VARIANTS } from './symmetricMeanAbsolutePercentageError.js'

/**
 * The choices of a forecast-accuracy report (the one-shot report's input fields and the
 * aggregator's options): the hit-rate tolerance and the sMAPE variant.
 *
 * @category Forecast
 */
export interface ForecastReportChoices {
  /** Largest miss that is a hit, as a fraction of the actual (as `forecastHitRate`); default 0.1. */
  readonly tolerance?: number
  /** The sMAPE definition (as `symmetricMeanAbsolutePercentageError`): `'m4'` (default, 0..2) or `'bounded'` (0..1). */
  readonly variant?: (typeof SMAPE_VARIANTS)[number]
}

/**
 * Input of {@link forecastAccuracyReport}.
 *
 * @category Forecast
 */
export interface ForecastAccuracyReportInput extends ForecastSeries, ForecastReportChoices {
  /** History for the MASE scale (else the actual series itself). */
  readonly training?: ArrayLike<number>
  /** Season length of the MASE naive forecast; default 1. */
  readonly seasonality?: number
}

/**
 * The result of {@link forecastAccuracyReport} (and of `forecastErrorAggregator`): every
 * scalar forecast metric of one series. Signed metrics (`meanError`, `forecastBias`,
 * `trackingSignal`) are over-forecast positive, as `direction` says.
 *
 * @category Forecast
 */
export interface ForecastAccuracyReportResult {
  /** Periods. */
  readonly n: number
  /** Periods with A = 0, left out of MAPE. */
  readonly zeroActuals: number
  /** The sign convention of the signed metrics: always `'over-forecast-positive'` (error = F − A). */
  readonly direction: ForecastErrorDirection
  readonly meanAbsoluteError: number | null
  readonly rootMeanSquaredError: number | null
  /** mean(F − A): > 0 over-forecast (R `forecast::accuracy`'s ME is its negation). */
  readonly meanError: number | null
  readonly meanAbsolutePercentageError: number | null
  readonly weightedAbsolutePercentageError: number | null
  /** The `variant` chosen: M4 (0..2, default) or bounded (0..1). */
  readonly symmetricMeanAbsolutePercentageError: number | null
  readonly meanAbsoluteScaledError: number | null
  /** Σ(F − A) / Σ|A|: > 0 over-forecast. */
  readonly forecastBias: number | null
  /** 1 − WAPE, not clamped. */
  readonly forecastAccuracy: number | null
  /** Within ±`tolerance` (default ±10 %) of the actual. */
  readonly forecastHitRate: number | null
  /** The tracking signal of the last period: Σ(F − A) / mean|F − A|, > 0 over-forecast. */
  readonly trackingSignal: number | null
}

/**
 * The old name of {@link ForecastAccuracyReportResult}.
 *
 * @deprecated Since 0.2: use `ForecastAccuracyReportResult` (result types are named
 *   `<Function>Result`). This alias will be removed in 1.0.
 * @category Forecast
 */
export type ForecastAccuracyReport = ForecastAccuracyReportResult

/**
 * All the scalar forecast-accuracy metrics of one series from a single pass, with the
 * number of periods and of zero actuals (which MAPE leaves out) — the table a forecast
 * review starts from. Each value equals its own function's; the signed ones share one
 * direction, over-forecast positive (`direction: 'over-forecast-positive'`).
 *
 * ```text
 * one pass: Σ|e|, Σe², Σe, Σ|A|, Σ|e|/|A| (A ≠ 0), Σ2|e|/(|A|+|F|), hits;  e = F − A
 * ```
 *
 * @param input - `{ actual, forecast, weights?, training?, seasonality?, tolerance?, variant? }`:
 *   `tolerance` of the hit rate (0.1) and the sMAPE `variant` (`'m4'`), as their own functions.
 * @returns The report; metrics are `null` where undefined (see each function).
 * @throws MetricInputError `LENGTH_MISMATCH`, `NOT_FINITE`, `NEGATIVE_VALUE`, `EMPTY_WEIGHTS`,
 *   `INVALID_OPTION` (seasonality, tolerance, variant).
 *   Also `MISSING_VALUE` (no input object, a missing series), `VALUE_OUT_OF_RANGE` (a series
 *   that is not an array-like; a result beyond double range), `INVALID_RECORD` (reading the
 *   input threw).
 * @example
 * ```ts
 * const report = forecastAccuracyReport({ actual: [100, 0, 50], forecast: [110, 5, 45] })
 * report.zeroActuals // => 1
 * report.meanAbsolutePercentageError // => 0.1
 * report.forecastAccuracy // => 0.8666666666666667
 * report.meanError // => 3.3333333333333335
 * report.direction // => 'over-forecast-positive'
 * ```
 * @see the individual metric functions for formulas and sources.
 * @category Forecast
 */
export function forecastAccuracyReport(
  input: ForecastAccuracyReportInput,
): ForecastAccuracyReportResult {
  const metric = 'forecastAccuracyReport'
  return guardInput(metric, () => {
    const choices = readReportChoices(input, metric)
    const { scan, scale } = scanWithScale(input, metric, true, choices.tolerance)
    return reportOfScan(scan, scale, choices.variant, metric)
  })
}

/** Checked report choices. Internal. */
export interface ReportChoices {
  readonly tolerance: number
  readonly variant: (typeof SMAPE_VARIANTS)[number]
}

/** Reads `tolerance` and `variant` (`INVALID_OPTION` for bad ones). Internal. */
export function readReportChoices(
  choices: ForecastReportChoices | null | undefined,
  metric: string,
): ReportChoices {
  const given: ForecastReportChoices =
    typeof choices === 'object' && choices !== null ? choices : {}
  return {
    tolerance: requireTolerance(optionOr(given.tolerance, 0.1), metric),
    variant: requireOneOf(optionOr(given.variant, 'm4'), SMAPE_VARIANTS, metric, 'variant'),
  }
}

/** The report of finished sums and a MASE scale (`null` = unknown). Internal. */
export function reportOfScan(
  scan: SeriesScan,
  scale: { readonly value: number; readonly unit: number } | null,
  variant: ReportChoices['variant'],
  metric: string,
): ForecastAccuracyReportResult {
  const { sums } = scan
  const wape = weightedPercentageOf(scan, metric)
  const symmetric = mean(sums.symmetricError, sums.weight)
  return {
    n: sums.n,
    zeroActuals: sums.zeroActuals,
    direction: OVER_FORECAST_POSITIVE,
    meanAbsoluteError: meanAbsoluteOf(scan, metric),
    rootMeanSquaredError: rootMeanSquareOf(scan, metric),
    meanError: meanErrorOf(scan, metric),
    meanAbsolutePercentageError: percentageMean(sums, metric),
    weightedAbsolutePercentageError: wape,
    symmetricMeanAbsolutePercentageError: finished(
      symmetric === null || variant === 'm4' ? symmetric : symmetric / 2,
      metric,
    ),
    meanAbsoluteScaledError: scaledErrorOf(scan, scale, metric),
    forecastBias: biasOf(scan, metric),
    forecastAccuracy: wape === null ? null : 1 - wape,
    forecastHitRate: mean(sums.hits, sums.weight),
    trackingSignal: finalTrackingSignalOf(sums, metric),
  }
}
