import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireList } from '../core/validate.js'
import { type ForecastAccuracyReport, reportOfScan } from './forecastAccuracyReport.js'
import {
  addPeriod,
  emptySums,
  FORECAST_SUM_KEYS,
  type ForecastSums,
  guardInput,
  mergeSums,
  notFinite,
  optionOr,
} from './forecastKernel.js'
import { requireScale } from './meanAbsoluteScaledError.js'

/**
 * One period: actual, forecast and an optional weight.
 *
 * @category Forecast
 */
export interface ForecastPeriod {
  readonly actual: number
  readonly forecast: number
  readonly weight?: number
}

/**
 * Options of {@link forecastErrorAggregator}.
 *
 * @category Forecast
 */
export interface ForecastErrorAggregatorOptions {
  /** The MASE scale (in-sample naive MAE, e.g. from the training data); without it MASE is `null`. */
  readonly scale?: number
}

/**
 * The JSON-serialisable state: the additive sums of the report.
 *
 * @category Forecast
 */
export type ForecastErrorAggregatorState = Readonly<ForecastSums>

/**
 * The forecast-error aggregator, with `addAll` for adding a batch of periods in one pass.
 *
 * @category Forecast
 */
export interface ForecastErrorAggregator
  extends Aggregator<ForecastErrorAggregatorState, ForecastPeriod, ForecastAccuracyReport> {
  /**
   * A new state with every period of `periods` added, in order: the same sums as folding
   * `add` over them, and the same error for the first bad period (path `[index, …]`).
   */
  addAll(
    state: ForecastErrorAggregatorState,
    periods: readonly ForecastPeriod[],
  ): ForecastErrorAggregatorState
}

/** `error` (thrown for one period) with its path put under `[index]` (`['period']` → `[index]`). */
function atIndex(error: unknown, index: number): unknown {
  if (!(error instanceof MetricInputError)) return error
  const path = error.path ?? []
  return new MetricInputError({
    code: error.code,
    metric: error.metric,
    path: path.length === 1 && path[0] === 'period' ? [index] : [index, ...path],
    message: error.message,
  })
}

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
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes `{ actual, forecast, weight? }`,
 *   `addAll` a list of them in one pass (the same sums as folding `add`; `groupMetric` uses it).
 * @throws MetricInputError `NOT_FINITE` / `NEGATIVE_VALUE` / `MISSING_VALUE` (the period)
 *   from `add` / `addAll` (path `[index, …]` in `addAll`); `VALUE_OUT_OF_RANGE` (path `[]`)
 *   when `addAll` is given no array; `INVALID_OPTION` (scale);
 *   `INVALID_STATE` (and `NEGATIVE_VALUE` / `NOT_FINITE`) from `addAll`, `merge` and `result`
 *   for a state this aggregator did not make (a foreign or tampered state, a fractional or
 *   negative count); `VALUE_OUT_OF_RANGE` when a sum would overflow double precision. Unlike
 *   the one-shot functions, which rescale and fail only on their own value, the state keeps
 *   plain sums: an error past about 1.3e154 (its square overflows) is refused by `add`.
 * @example
 * ```ts
 * const errors = forecastErrorAggregator()
 * const east = errors.add(errors.initial(), { actual: 100, forecast: 110 })
 * const west = errors.add(errors.initial(), { actual: 50, forecast: 40 })
 * errors.result(errors.merge(east, west)).weightedAbsolutePercentageError // => 0.13333333333333333
 * const both = errors.addAll(errors.initial(), [{ actual: 100, forecast: 110 }, { actual: 50, forecast: 40 }])
 * errors.result(both).meanAbsoluteError // => 10
 * ```
 * @see forecastAccuracyReport.
 * @category Forecast
 */
export function forecastErrorAggregator(
  options: ForecastErrorAggregatorOptions = {},
): ForecastErrorAggregator {
  const metric = 'forecastErrorAggregator'
  const scale = guardInput(metric, () => {
    if (typeof options !== 'object' || options === null) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: [],
        message: `${metric}: options is ${describeValue(options)}; pass an object or nothing`,
      })
    }
    return options.scale === undefined ? null : requireScale(options.scale, metric)
  })
  /** Adds one period into `sums` (mutated), or throws with a path relative to the period. */
  const addOne = (sums: ForecastSums, period: ForecastPeriod): void => {
    if (typeof period !== 'object' || period === null) {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: ['period'],
        message: `${metric}: the period is ${describeValue(period)}; pass { actual, forecast, weight? }`,
      })
    }
    const { actual, forecast } = period
    const weight = optionOr(period.weight, 1)
    if (typeof actual !== 'number' || actual - actual !== 0) {
      throw notFinite(metric, 'actual', null, actual)
    }
    if (typeof forecast !== 'number' || forecast - forecast !== 0) {
      throw notFinite(metric, 'forecast', null, forecast)
    }
    if (typeof weight !== 'number' || !(weight >= 0 && weight - weight === 0)) {
      throw new MetricInputError({
        code: typeof weight === 'number' && weight < 0 ? 'NEGATIVE_VALUE' : 'NOT_FINITE',
        metric,
        path: ['weight'],
        message: `${metric}: weight is ${describeValue(weight)}; weights must be finite numbers ≥ 0`,
      })
    }
    addPeriod(sums, actual, forecast, weight, 0.1, metric)
  }
  return {
    initial: () => emptySums(),
    add: (state, period) =>
      guardInput(metric, () => {
        // The state is copied, not checked, per row (cheap); merge and result check it.
        const next = { ...state }
        addOne(next, period)
        return next
      }),
    addAll: (state, periods) =>
      guardInput(metric, () => {
        // One full check and one copy per batch; the periods are added into it in order,
        // one at a time as `add` does, so the sums are the very same floats.
        const sums = readState<ForecastSums>(state, STATE_SHAPE, metric, ['state'])
        const list = requireList(periods, metric, [], 'periods', true)
        let index = 0
        try {
          for (; index < list.length; index++) addOne(sums, list[index] as ForecastPeriod)
        } catch (error) {
          throw atIndex(error, index)
        }
        return sums
      }),
    merge: (a, b) =>
      guardInput(metric, () => {
        const merged = readState<ForecastSums>(a, STATE_SHAPE, metric, ['a'])
        mergeSums(merged, readState<ForecastSums>(b, STATE_SHAPE, metric, ['b']))
        for (const key of FORECAST_SUM_KEYS) {
          if (
            !(merged[key] - merged[key] === 0) ||
            (COUNTS.has(key) && !Number.isSafeInteger(merged[key]))
          ) {
            throw new MetricInputError({
              code: 'VALUE_OUT_OF_RANGE',
              metric,
              path: [key],
              message: `${metric}: merging makes ${key} overflow; the states are too large to add up`,
            })
          }
        }
        return merged
      }),
    result: (state) =>
      guardInput(metric, () => {
        const sums = readState<ForecastSums>(state, STATE_SHAPE, metric)
        return reportOfScan({ sums, naiveTotal: null, unit: 1 }, scaleOf(scale), metric)
      }),
  }
}

/** The fields of a state and their kinds: counts are whole numbers, weights ≥ 0. */
const STATE_SHAPE: StateShape = {
  n: 'count',
  weight: 'non-negative',
  absoluteError: 'non-negative',
  squaredError: 'non-negative',
  error: 'finite',
  absoluteActual: 'non-negative',
  percentageError: 'non-negative',
  percentageWeight: 'non-negative',
  zeroActuals: 'count',
  symmetricError: 'non-negative',
  hits: 'non-negative',
}

const COUNTS: ReadonlySet<string> = new Set(['n', 'zeroActuals'])

function scaleOf(scale: number | null): { readonly value: number; readonly unit: number } | null {
  return scale === null ? null : { value: scale, unit: 1 }
}
