import { describeValue } from '../core/describeValue.js'
import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'

/**
 * Shape checks for the arguments of the time functions: lists, records and option objects
 * are checked before they are read, so a wrong type is a `MetricInputError` with a path,
 * never a TypeError. Internal.
 */

/**
 * Throws unless `value` is an array or a typed array: `VALUE_OUT_OF_RANGE` for a list
 * argument (the data), `INVALID_OPTION` when `code` says the list is an option's value.
 */
export function requireList(
  value: unknown,
  metric: string,
  path: MetricInputPath,
  code: 'VALUE_OUT_OF_RANGE' | 'INVALID_OPTION' = 'VALUE_OUT_OF_RANGE',
): void {
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) return
  throw new MetricInputError({
    code,
    metric,
    path,
    message: `${metric}: ${path.length === 0 ? 'the first argument' : path.join('.')} is ${describeValue(value)}; it must be an array`,
  })
}

/** Throws `INVALID_RECORD` at `path` unless `value` is a non-null object (a row). */
export function requireRecord(value: unknown, metric: string, path: MetricInputPath): void {
  if (typeof value === 'object' && value !== null) return
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path,
    message: `${metric}: ${path.join('.')} is ${describeValue(value)}; it must be an object`,
  })
}

/** Throws `INVALID_OPTION` at path `[]` unless `options` is undefined or a non-null object. */
export function requireOptions(options: unknown, metric: string): void {
  if (options === undefined || (typeof options === 'object' && options !== null)) return
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: [],
    message: `${metric}: options is ${describeValue(options)}; it must be an object`,
  })
}

/**
 * What an exported function throws for an error raised while it ran: a `MetricInputError`
 * as is; anything else — a getter or Proxy trap in the input that threw — as
 * `INVALID_RECORD` naming `metric`, with the caller's error as `cause` and no path (the
 * place is not known), as in every family (`asMetricInputError`). Used as
 * `catch (error) { throw readFailure(error, metric) }` (no closure per call on hot paths).
 */
export function readFailure(error: unknown, metric: string): MetricInputError {
  return asMetricInputError(error, metric)
}

/** A short description of a thrown value; never throws. */
export function thrownText(error: unknown): string {
  try {
    if (error instanceof Error) return describeValue(String(error.message))
  } catch {
    // A hostile error object: fall back to its type.
  }
  return describeValue(error)
}
