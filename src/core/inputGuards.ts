import type { Decimal } from 'decimal.js'
import { criticalValue } from './criticalValue.js'
import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'
import { MoneyDecimal } from './MoneyInput.js'
import { toMoneyDecimal } from './moneySum.js'
import { requireList as requireArray } from './validate.js'

/**
 * Guards shared by the pipeline and retention families for input that does not match its
 * type: a list that is not an array, a row that is not an object, an options argument that
 * is not an object, a getter or Proxy that throws, a result no finite number can hold.
 * Each failure is a `MetricInputError` naming the exported function. Internal (a candidate
 * for `core/`).
 */

/** Throws `VALUE_OUT_OF_RANGE` (path `[]`) unless `list` is an array (core's list check). */
export function requireList<T>(list: readonly T[], metric: string, label: string): readonly T[] {
  return requireArray(list, metric, [], label, true) as readonly T[]
}

/** Throws `INVALID_RECORD` at `path` unless `row` is an object (not `null`). */
export function requireRecord<T>(row: T, metric: string, path: MetricInputPath, label: string): T {
  if (typeof row === 'object' && row !== null) return row
  throw new MetricInputError({
    code: 'INVALID_RECORD',
    metric,
    path,
    message: `${metric}: ${label} is ${describeValue(row)}; it must be an object`,
  })
}

/** The two-sided critical value of option `confidence` (default 0.95; finite below 1). */
export function readCriticalValue(confidence: number | undefined, metric: string): number {
  return criticalValue(confidence ?? 0.95, metric)
}

/**
 * Row `index` of a list (`list` names it inside a larger input): `INVALID_RECORD` at
 * `[index]` (or `[list, index]`) unless it is an object. Nothing is allocated unless it
 * fails, so it costs a type check per row.
 */
export function requireRow<T>(
  row: T,
  metric: string,
  index: number,
  noun: string,
  list?: string,
): T {
  if (typeof row === 'object' && row !== null) return row
  return requireRecord(
    row,
    metric,
    list === undefined ? [index] : [list, index],
    list === undefined ? `${noun} at index ${index}` : `${noun} at ${list}[${index}]`,
  )
}

/** Throws `INVALID_OPTION` unless `value` is a finite number ≥ 0. */
export function requireNonNegativeOption(value: number, metric: string, option: string): number {
  if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: [option],
    message: `${metric}: option ${option} is ${describeValue(value)}; it must be a finite number ≥ 0`,
  })
}

/** A finite ratio as a number (−0 read as 0); `VALUE_OUT_OF_RANGE` when it overflows. */
export function finiteRatio(value: number, metric: string, label: string): number {
  if (Number.isFinite(value)) return value === 0 ? 0 : value
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    message: `${metric}: ${label} is ${describeValue(value)} as a number; the inputs are too far apart in size for a finite ratio`,
  })
}

/** A finite money result; `VALUE_OUT_OF_RANGE` when a sum or product overflowed. */
export function finiteMoney(value: Decimal, metric: string, label: string): Decimal {
  if (value.isFinite()) return value
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    message: `${metric}: ${label} is ${value.toString()}; an amount is out of the range of exact decimals`,
  })
}

/**
 * An amount held in an aggregator state as a decimal string: an exact decimal ≥ 0 that
 * decimal.js holds finitely and without rounding, at most 34 significant digits
 * (`NOT_FINITE`, `NEGATIVE_VALUE`, `VALUE_OUT_OF_RANGE`), with the
 * path `[...at, field]` (`['a', 'won']` for the first state of `merge`).
 */
export function readStateMoney(
  value: string,
  metric: string,
  at: MetricInputPath,
  field: string,
): Decimal {
  const path = [...at, field]
  let amount: Decimal
  try {
    amount = toMoneyDecimal(value, { metric, allowNegative: false }, field)
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    throw new MetricInputError({
      code: error.code,
      metric,
      path,
      message: `${metric}: state field ${path.join('.')} is ${describeValue(value)}; it must be an exact decimal ≥ 0`,
    })
  }
  // The constructor keeps every digit; the sum above rounds to 34. A state holds only what an
  // exact sum can hold, so a string that rounds is not one this library wrote.
  if (amount.isFinite() && amount.eq(new MoneyDecimal(value.trim()))) return amount
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path,
    message: `${metric}: state field ${path.join('.')} is ${describeValue(value)}; it is not an amount exact decimals hold (finite, at most 34 significant digits)`,
  })
}

/** The options after checking that `rates`, when given, is an object (`INVALID_OPTION`). */
export function requireRatesOption<T extends { readonly rates?: unknown }>(
  options: T,
  metric: string,
): T {
  const rates = options.rates
  if (rates === undefined || (typeof rates === 'object' && rates !== null && !Array.isArray(rates)))
    return options
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: ['rates'],
    message: `${metric}: option rates is ${describeValue(rates)}; it must be an object such as { EUR: '1.08' }`,
  })
}

export { guardInput, readOptions } from './validate.js'
