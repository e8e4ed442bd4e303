import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'

/**
 * Cheap contract checks shared by every family. Each throws a {@link MetricInputError}
 * whose message names the function, the place and the value. Internal.
 */

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
