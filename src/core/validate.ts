import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * Cheap contract checks shared by every family. Each throws a {@link MetricInputError}
 * whose message names the function, the place and the value. Internal, except the shared
 * option words below ({@link METRIC_BASES}, {@link SUMMARY_STATISTICS}).
 *
 * The option words (see docs/option-vocabulary.md; every exported options object uses only
 * these, checked by test/optionVocabulary.test.ts):
 * - `basis` — count or money: `'count' | 'amount'` ({@link METRIC_BASES}).
 * - `method` — the interval or estimator method (`'adjusted-wald'`, `'log'`, `'linear'` …).
 * - `variant` — a published variant of one formula (sMAPE `'m4' | 'bounded'`).
 * - `mode` — how stages are compared (`'next-step' | 'cumulative'`).
 * - `statistic` — which summary statistic (`'mean' | 'median'`, CES `'agree-share'`).
 * - `open` — in options a policy about undecided items (`'exclude' | 'include'`); in
 *   results a count of undecided items.
 * - `confidence`, `tolerance`, `target`, `threshold`, `scaleMax`, `asOf`, `timeZone`, `unit`,
 *   `period`, `rates`, `baseCurrency`, … as listed in the table.
 * A bad option value — wrong type, unknown choice, negative tolerance or target,
 * confidence outside (0, 1) — is `INVALID_OPTION` with path `[optionName]`; data codes
 * (`NEGATIVE_VALUE`, `NOT_FINITE`) are for data only.
 */

/**
 * The values of the count-vs-money switch `basis`: `'count'` counts records (deals,
 * customers), `'amount'` sums their money. The one name for this choice in every export
 * ({@link winRate}'s `by` and {@link cohortRetention}'s `'logo'` / `'revenue'` are aliases).
 *
 * @example
 * ```ts
 * METRIC_BASES // => ['count', 'amount']
 * ```
 * @category Core
 */
export const METRIC_BASES = ['count', 'amount'] as const
/**
 * One of {@link METRIC_BASES}.
 *
 * @category Core
 */
export type MetricBasis = (typeof METRIC_BASES)[number]

/**
 * The values of the option `statistic` where a function summarises many values by one:
 * the arithmetic mean or the median.
 *
 * @example
 * ```ts
 * SUMMARY_STATISTICS // => ['mean', 'median']
 * ```
 * @category Core
 */
export const SUMMARY_STATISTICS = ['mean', 'median'] as const
/**
 * One of {@link SUMMARY_STATISTICS}.
 *
 * @category Core
 */
export type SummaryStatistic = (typeof SUMMARY_STATISTICS)[number]

/**
 * The value of option `name`, or of its older name `alias` when `name` is absent; throws
 * `INVALID_OPTION` (path `[name]`) when both are given with different values. Internal.
 */
export function readAliasedOption<T>(
  options: object,
  name: string,
  alias: string,
  metric: string,
): T | undefined {
  const value = (options as Record<string, unknown>)[name]
  const old = (options as Record<string, unknown>)[alias]
  if (value === undefined) return old as T | undefined
  if (old !== undefined && old !== value) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [name],
      message: `${metric}: options ${name} (${describeValue(value)}) and ${alias} (${describeValue(old)}) disagree; ${alias} is the older name of ${name}, give one`,
    })
  }
  return value as T
}

/** Throws `NOT_FINITE` or `NEGATIVE_VALUE` unless `value` is a finite number ≥ 0. */
export function requireNonNegative(
  value: number,
  metric: string,
  path: MetricInputPath,
  label: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MetricInputError({
      code: 'NOT_FINITE',
      metric,
      path,
      message: `${metric}: ${label} is ${describeValue(value)}; it must be a finite number`,
    })
  }
  if (value < 0) {
    throw new MetricInputError({
      code: 'NEGATIVE_VALUE',
      metric,
      path,
      message: `${metric}: ${label} is ${value}; it must not be negative`,
    })
  }
  return value
}

/** Throws `INVALID_OPTION` unless `confidence` lies strictly between 0 and 1. */
export function requireConfidence(confidence: number, metric: string): number {
  if (!(typeof confidence === 'number' && confidence > 0 && confidence < 1)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['confidence'],
      message: `${metric}: option confidence is ${describeValue(confidence)}; it must be a number strictly between 0 and 1`,
    })
  }
  return confidence
}

/** Throws `INVALID_OPTION` unless `value` is one of `allowed`. */
export function requireOneOf<T extends string>(
  value: T,
  allowed: readonly T[],
  metric: string,
  option: string,
): T {
  if (!allowed.includes(value)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [option],
      message: `${metric}: option ${option} is ${describeValue(value)}; it must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    })
  }
  return value
}

/** Throws `INVALID_OPTION` unless `value` is an integer in `[min, max]`. */
export function requireIntegerOption(
  value: number,
  min: number,
  max: number,
  metric: string,
  option: string,
): number {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [option],
      message: `${metric}: option ${option} is ${describeValue(value)}; it must be an integer from ${min} to ${max}`,
    })
  }
  return value
}

/** Returns the epoch milliseconds of `value`, or throws `INVALID_DATE`. */
export function requireInstant(
  value: Date,
  metric: string,
  path: MetricInputPath,
  label: string,
): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(time)) {
    throw new MetricInputError({
      code: 'INVALID_DATE',
      metric,
      path,
      message: `${metric}: ${label} is ${describeValue(value)}; it must be a valid Date`,
    })
  }
  return time
}

/**
 * Throws `VALUE_OUT_OF_RANGE` unless `values` is a list: an array, a typed array or an object whose
 * `length` is a whole number from 0 to 2³² − 1. A string, a number, `{}` or
 * `{ length: -1 }` is not a list. `path` is `[]` for the first argument. With `arrayOnly`,
 * only an `Array` is (for parameters typed as arrays of records, so that a `{ length: 1e9 }`
 * cannot make the caller allocate per-row buffers before the first row is read).
 */
export function requireList<T>(
  values: ArrayLike<T>,
  metric: string,
  path: MetricInputPath,
  label: string,
  arrayOnly = false,
): ArrayLike<T> {
  const length =
    typeof values === 'object' && values !== null && (!arrayOnly || Array.isArray(values))
      ? (values as { length?: unknown }).length
      : undefined
  // `>>> 0` keeps exactly the whole numbers from 0 to 2³² − 1 (the longest array) unchanged.
  if (!(typeof length === 'number' && length >>> 0 === length)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric,
      path,
      message: `${metric}: ${label} is ${describeValue(values)}; it must be an array${arrayOnly ? '' : ' or typed array'}`,
    })
  }
  return values
}

/**
 * Throws `INVALID_OPTION` unless `options` is `undefined` or an object (not `null`, not an
 * array); returns it, or `{}` for `undefined`.
 */
export function readOptions<T extends object>(options: T | undefined, metric: string): T {
  if (options === undefined) return {} as T
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: [],
      message: `${metric}: options is ${describeValue(options)}; it must be an object such as {} or be left out`,
    })
  }
  return options
}

/**
 * What an exported function throws when reading its input threw something other than a
 * {@link MetricInputError} — a getter or Proxy trap of the caller's, or a revoked Proxy:
 * `INVALID_RECORD` naming `metric`, with the original error as `cause`. A
 * `MetricInputError` passes through unchanged. Internal.
 */
export function asMetricInputError(error: unknown, metric: string): MetricInputError {
  if (error instanceof MetricInputError) return error
  let shown = 'an error'
  try {
    shown = describeValue(String(error))
  } catch {
    // The error itself is hostile: keep the generic description.
  }
  return new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    message: `${metric}: reading the input threw ${shown}`,
    cause: error,
  })
}

/**
 * `methods` with each function wrapped so that anything but a {@link MetricInputError} it
 * throws becomes one naming `metric` (see {@link asMetricInputError}): for the methods of an
 * aggregator, which callers invoke long after the factory returned. Internal.
 */
export function guardMethods<T extends object>(methods: T, metric: string): T {
  const guarded: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(methods)) {
    if (typeof value !== 'function') {
      guarded[key] = value
      continue
    }
    // Aggregator methods take at most two arguments; fixed parameters keep the call cheap.
    const method = value as (first: unknown, second: unknown) => unknown
    guarded[key] = (first: unknown, second: unknown) => {
      try {
        return method(first, second)
      } catch (error) {
        throw asMetricInputError(error, metric)
      }
    }
  }
  return guarded as T
}

/**
 * Runs `compute` on behalf of `metric`: an error that is not a {@link MetricInputError} can
 * only come from reading the caller's values (a getter or Proxy trap that throws, a callback
 * option that throws), so it becomes one (see {@link asMetricInputError}). Internal.
 */
export function guardInput<T>(metric: string, compute: () => T): T {
  try {
    return compute()
  } catch (error) {
    throw asMetricInputError(error, metric)
  }
}
