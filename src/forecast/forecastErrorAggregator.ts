import type { Aggregator } from '../core/Aggregator.js'
import { readState, type StateShape } from '../core/aggregatorState.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireList } from '../core/validate.js'
import {
  type ForecastAccuracyReportResult,
  type ForecastReportChoices,
  readReportChoices,
  reportOfScan,
} from './forecastAccuracyReport.js'
import {
  emptySums,
  FORECAST_SUM_KEYS,
  type ForecastSums,
  guardInput,
  mergeSums,
  notFinite,
  optionOr,
  RESCUE_UNIT,
  ratioTerm,
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
 * Options of {@link forecastErrorAggregator}: the report's choices (`tolerance` of the hit
 * rate, default 0.1; sMAPE `variant`, default `'m4'`) and the MASE `scale`.
 *
 * @category Forecast
 */
export interface ForecastErrorAggregatorOptions extends ForecastReportChoices {
  /** The MASE scale (in-sample naive MAE, e.g. from the training data); without it MASE is `null`. */
  readonly scale?: number
}

/**
 * The JSON-serialisable state: the additive sums of the report, and `scaleExponent` — 0, or
 * 600 once a sum would overflow double precision, meaning that the error and actual sums
 * are kept in units of 2^600 (squared errors in 2^1200).
 *
 * @category Forecast
 */
export type ForecastErrorAggregatorState = Readonly<ForecastSums> & {
  readonly scaleExponent: number
}

/**
 * The forecast-error aggregator, with `addAll` for adding a batch of periods in one pass.
 *
 * @category Forecast
 */
export interface ForecastErrorAggregator
  extends Aggregator<ForecastErrorAggregatorState, ForecastPeriod, ForecastAccuracyReportResult> {
  /**
   * A new state with every period of `periods` added, in order: the same sums as folding
   * `add` over them, and the same error for the first bad period (path `[index, …]`).
   */
  addAll(
    state: ForecastErrorAggregatorState,
    periods: readonly ForecastPeriod[],
  ): ForecastErrorAggregatorState
}

/** A mutable state while it is being built. */
type Sums = ForecastSums & { scaleExponent: number }

/** The exponent of the rescued unit: sums are kept × 2^−600 after an overflow. */
const RESCUE_EXPONENT = 600

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
 * worker), merge in any order, and get the `forecastAccuracyReport` of all periods — signed
 * metrics over-forecast positive (`direction: 'over-forecast-positive'`). Every metric is a
 * ratio of sums, so the merge is exact up to float rounding (1e-12 relative); MASE needs its
 * scale given up front, since a naive forecast needs the periods in order. The final
 * tracking signal is order-free: n·Σ(F − A) / Σ|F − A|.
 *
 * ```text
 * state = { n, Σw, Σw|e|, Σwe², Σwe, Σw|A|, Σw|e|/|A|, …, hits, scaleExponent };  e = F − A
 * merge = component-wise sum (in the larger of the two units)
 * ```
 * Any finite actual and forecast is accepted: when a sum would overflow (an error past
 * about 1.3e154 squares past the largest double), the state moves to units of 2^600 — exact,
 * a power of two — as the one-shot functions do, and RMSE stays finite.
 *
 * @param options - `tolerance` (hit rate, 0.1), `variant` (sMAPE, `'m4'`), `scale` (MASE).
 *   Merge only states of aggregators made with the same options.
 * @returns `{ initial, add, addAll, merge, result }`; `add` takes `{ actual, forecast, weight? }`,
 *   `addAll` a list of them in one pass (the same sums as folding `add`; `groupMetric` uses it).
 * @throws MetricInputError `INVALID_OPTION` (options not an object; tolerance, variant,
 *   scale); from `add` / `addAll` `NOT_FINITE` / `NEGATIVE_VALUE` / `MISSING_VALUE` (the
 *   period; path `[index, …]` in `addAll`), `VALUE_OUT_OF_RANGE` (path `[]`) when `addAll` is
 *   given no array, and when a weight beyond about 1e52 times a huge error, or a percentage
 *   error of a near-zero actual, overflows even in the rescued unit; `INVALID_STATE` (and
 *   `NEGATIVE_VALUE` / `NOT_FINITE`) from `addAll`, `merge` and `result` for a state this
 *   aggregator did not make; `VALUE_OUT_OF_RANGE` from `result` when a metric's own value
 *   does not fit a double (a mean error past 1.8e308), as the one-shot report.
 * @example
 * ```ts
 * const errors = forecastErrorAggregator({ tolerance: 0.2 })
 * const east = errors.add(errors.initial(), { actual: 100, forecast: 110 })
 * const west = errors.add(errors.initial(), { actual: 50, forecast: 40 })
 * errors.result(errors.merge(east, west)).weightedAbsolutePercentageError // => 0.13333333333333333
 * errors.result(errors.merge(east, west)).forecastHitRate // => 0.5
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
  const { scale, choices } = guardInput(metric, () => {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: [],
        message: `${metric}: options is ${describeValue(options)}; pass an object or nothing`,
      })
    }
    return {
      scale: options.scale === undefined ? null : requireScale(options.scale, metric),
      choices: readReportChoices(options, metric),
    }
  })
  const slack = choices.tolerance * (1 + 1e-12)
  /** Adds one period into `sums` (mutated), or throws with a path relative to the period. */
  const addOne = (sums: Sums, period: ForecastPeriod): void => {
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
    addPeriod(sums, actual, forecast, weight, slack, metric)
  }
  return {
    initial: () => ({ ...emptySums(), scaleExponent: 0 }),
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
        const sums = readSums(state, metric, ['state'])
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
        const merged = readSums(a, metric, ['a'])
        const other = readSums(b, metric, ['b'])
        const exponent = Math.max(merged.scaleExponent, other.scaleExponent)
        rescale(merged, exponent)
        rescale(other, exponent)
        let sum = { ...merged }
        mergeSums(sum, other)
        if (!additiveFinite(sum) && exponent === 0) {
          rescale(merged, RESCUE_EXPONENT)
          rescale(other, RESCUE_EXPONENT)
          sum = { ...merged }
          mergeSums(sum, other)
        }
        for (const key of FORECAST_SUM_KEYS) {
          if (
            !(sum[key] - sum[key] === 0) ||
            (COUNTS.has(key) && !Number.isSafeInteger(sum[key]))
          ) {
            throw new MetricInputError({
              code: 'VALUE_OUT_OF_RANGE',
              metric,
              path: [key],
              message: `${metric}: merging makes ${key} overflow; the states are too large to add up`,
            })
          }
        }
        return sum
      }),
    result: (state) =>
      guardInput(metric, () => {
        const sums = readSums(state, metric)
        return reportOfScan(
          { sums, naiveTotal: null, unit: sums.scaleExponent === 0 ? 1 : RESCUE_UNIT },
          scale === null ? null : { value: scale, unit: 1 },
          choices.variant,
          metric,
        )
      }),
  }
}

/**
 * Adds one checked period to `sums`. The scale-free sums (percentage and symmetric errors,
 * hits) are taken from the plain values, or from halved ones when F − A or |A| + |F|
 * overflows (the ratios are the same); the error and actual sums are taken in the state's
 * unit, which moves from 1 to 2^−600 (rescaling what is there, exact) when they would
 * overflow. Throws `VALUE_OUT_OF_RANGE` only when a sum overflows even then.
 */
function addPeriod(
  sums: Sums,
  actual: number,
  forecast: number,
  weight: number,
  slack: number,
  metric: string,
): void {
  // Scale-free terms.
  let error = forecast - actual
  let size = Math.abs(actual)
  let span = size + Math.abs(forecast)
  if (!(error - error === 0 && span - span === 0)) {
    error = forecast * 0.5 - actual * 0.5
    size *= 0.5
    span = size + Math.abs(forecast * 0.5)
  }
  const absolute = Math.abs(error)
  if (size === 0) sums.zeroActuals++
  else {
    sums.percentageError += ratioTerm(weight, absolute, size)
    sums.percentageWeight += weight
  }
  if (span > 0) sums.symmetricError += 2 * ratioTerm(weight, absolute, span)
  sums.hits += weight * +(absolute <= slack * size)
  sums.n++
  sums.weight += weight
  // Terms in the state's unit.
  for (;;) {
    const unit = sums.scaleExponent === RESCUE_EXPONENT ? RESCUE_UNIT : 1
    const scaled = forecast * unit - actual * unit
    const absoluteError = sums.absoluteError + weight * Math.abs(scaled)
    const squaredError = sums.squaredError + weight * scaled * scaled
    const signedError = sums.error + weight * scaled
    const absoluteActual = sums.absoluteActual + weight * Math.abs(actual * unit)
    const check = absoluteError + squaredError + absoluteActual + signedError
    if (check - check === 0) {
      sums.absoluteError = absoluteError
      sums.squaredError = squaredError
      sums.error = signedError
      sums.absoluteActual = absoluteActual
      break
    }
    if (sums.scaleExponent !== 0) throw overflow(metric, 'the error sums')
    rescale(sums, RESCUE_EXPONENT)
  }
  const check = sums.percentageError + sums.weight + sums.hits + sums.symmetricError
  if (!(check - check === 0)) throw overflow(metric, 'the weight or percentage-error sums')
}

function overflow(metric: string, what: string): MetricInputError {
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: ['actual'],
    message: `${metric}: adding this period makes ${what} overflow double precision even in units of 2^600 (a weight past about 1e52 on a huge error, or an actual so close to 0 that its percentage error overflows); scale the data down`,
  })
}

/** Moves the unit-carrying sums of `sums` to `exponent` (≥ theirs): exact powers of two. */
function rescale(sums: Sums, exponent: number): void {
  if (sums.scaleExponent === exponent) return
  // Only 0 → 600 occurs; 2^−1200 is below the smallest double, so squares take two steps.
  sums.absoluteError *= RESCUE_UNIT
  sums.error *= RESCUE_UNIT
  sums.absoluteActual *= RESCUE_UNIT
  sums.squaredError = sums.squaredError * RESCUE_UNIT * RESCUE_UNIT
  sums.scaleExponent = exponent
}

/** Whether the unit-carrying sums are finite. */
function additiveFinite(sums: Sums): boolean {
  const check = sums.absoluteError + sums.squaredError + sums.absoluteActual + sums.error
  return check - check === 0
}

/** A checked copy of a state (`INVALID_STATE` for a foreign one, a scaleExponent not 0 or 600). */
function readSums(state: unknown, metric: string, at: (string | number)[] = []): Sums {
  const sums = readState<Sums>(state, STATE_SHAPE, metric, at)
  if (sums.scaleExponent !== 0 && sums.scaleExponent !== RESCUE_EXPONENT) {
    throw new MetricInputError({
      code: 'INVALID_STATE',
      metric,
      path: [...at, 'scaleExponent'],
      message: `${metric}: state field scaleExponent is ${sums.scaleExponent}; it must be 0 or ${RESCUE_EXPONENT}`,
    })
  }
  return sums
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
  scaleExponent: 'count',
}

const COUNTS: ReadonlySet<string> = new Set(['n', 'zeroActuals', 'scaleExponent'])
