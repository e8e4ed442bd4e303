import type { Aggregator } from '../core/Aggregator.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { type ForecastAccuracyReport, reportOfSums } from './forecastAccuracyReport.js'
import { addPeriod, emptySums, type ForecastSums, mergeSums, notFinite } from './forecastKernel.js'
import { requireScale } from './meanAbsoluteScaledError.js'

/** One period: actual, forecast and an optional weight. */
export interface ForecastPeriod {
  readonly actual: number
  readonly forecast: number
  readonly weight?: number
}

/** Options of {@link forecastErrorAggregator}. */
export interface ForecastErrorAggregatorOptions {
  /** The MASE scale (in-sample naive MAE, e.g. from the training data); without it MASE is `null`. */
  readonly scale?: number
}

/** The JSON-serialisable state: the additive sums of the report. */
export type ForecastErrorAggregatorState = Readonly<ForecastSums>

/**
 * Mergeable forecast errors: add periods in any partition (per rep, per region, per
 * worker), merge in any order, and get the `forecastAccuracyReport` of all periods. Every
 * metric is a ratio of sums, so the merge is exact up to float rounding (1e-12 relative);
 * MASE needs its scale given up front, since a naive forecast needs the periods in order.
 * The final tracking signal is order-free: n·Σ(A − F) / Σ|A − F|.
 *
 * ```text
 * state = { n, Σw, Σw|e|, Σwe², Σwe, Σw|A|, Σw|e|/|A|, …, hits };  merge = component-wise sum
 * ```
 *
 * @param options - `scale` for MASE.
 * @returns `{ initial, add, merge, result }`; `add` takes `{ actual, forecast, weight? }`.
 * @throws MetricInputError `NOT_FINITE` / `NEGATIVE_VALUE` from `add`; `INVALID_OPTION` (scale).
 * @example
 * ```ts
 * const errors = forecastErrorAggregator()
 * const east = errors.add(errors.initial(), { actual: 100, forecast: 110 })
 * const west = errors.add(errors.initial(), { actual: 50, forecast: 40 })
 * errors.result(errors.merge(east, west)).weightedAbsolutePercentageError // => 0.13333333333333333
 * ```
 * @see forecastAccuracyReport.
 */
export function forecastErrorAggregator(
  options: ForecastErrorAggregatorOptions = {},
): Aggregator<ForecastErrorAggregatorState, ForecastPeriod, ForecastAccuracyReport> {
  const metric = 'forecastErrorAggregator'
  const scale = options.scale === undefined ? null : requireScale(options.scale, metric)
  return {
    initial: () => emptySums(),
    add(state, period) {
      const { actual, forecast } = period
      const weight = period.weight ?? 1
      if (actual - actual !== 0) throw notFinite(metric, 'actual', null, actual)
      if (forecast - forecast !== 0) throw notFinite(metric, 'forecast', null, forecast)
      if (!(weight >= 0 && weight - weight === 0)) {
        throw new MetricInputError({
          code: weight < 0 ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
          metric,
          path: ['weight'],
          message: `${metric}: weight is ${weight}; weights must be finite numbers ≥ 0`,
        })
      }
      const next = { ...state }
      addPeriod(next, actual, forecast, weight, 0.1)
      return next
    },
    merge(a, b) {
      const merged = { ...a }
      mergeSums(merged, b)
      return merged
    },
    result: (state) => reportOfSums(state, scale, metric),
  }
}
