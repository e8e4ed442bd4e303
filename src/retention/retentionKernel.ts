import type { Decimal } from 'decimal.js'
import { describeValue } from '../core/describeValue.js'
import { finiteMoney, finiteRatio, requireRecord } from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import type { MoneyInput } from '../core/MoneyInput.js'
import { type MoneyContext, toMoneyDecimal } from '../core/moneySum.js'
import { requireNonNegative } from '../core/validate.js'

/**
 * Shared reading of the retention functions' inputs: named customer counts and named
 * money amounts, each checked with its field name as the path. Internal.
 */

/** Throws `INVALID_RECORD` (path `[]`) unless the input is an object. */
export function requireInput<T>(input: T, metric: string): T {
  return requireRecord(input, metric, [], 'input')
}

/** Reads a count field (finite, ≥ 0; −0 read as 0). */
export function readCount(input: object, field: string, metric: string): number {
  const value = requireNonNegative(
    (input as Record<string, number>)[field] as number,
    metric,
    [field],
    field,
  )
  return value === 0 ? 0 : value
}

/** Reads a money field (≥ 0) as a Decimal; `fallback` when absent, else `MISSING_VALUE`. */
export function readAmount(
  input: object,
  field: string,
  metric: string,
  fallback?: MoneyInput,
): Decimal {
  const value = (input as Record<string, MoneyInput | undefined>)[field] ?? fallback
  if (value === undefined) {
    throw new MetricInputError({
      code: 'MISSING_VALUE',
      metric,
      path: [field],
      message: `${metric}: ${field} is missing; it is required`,
    })
  }
  const context: MoneyContext = { metric, allowNegative: false }
  return finiteMoney(toMoneyDecimal(value, context, field), metric, field)
}

/** Throws `VALUE_OUT_OF_RANGE` for a combination of fields that cannot happen. */
export function impossible(
  metric: string,
  field: string,
  value: unknown,
  why: string,
): MetricInputError {
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [field],
    message: `${metric}: ${field} is ${describeValue(value)}; ${why}`,
  })
}

/**
 * numerator / denominator as a number (both exact decimals); `null` when the base is 0,
 * `VALUE_OUT_OF_RANGE` when no finite number holds the ratio (1e400 / 1).
 */
export function ratio(numerator: Decimal, denominator: Decimal, metric: string): number | null {
  if (denominator.isZero()) return null
  return finiteRatio(numerator.div(denominator).toNumber(), metric, 'the ratio')
}

/**
 * Reads `startingRevenue` and the losses `contraction + churn`, refusing losses larger than
 * the start (`VALUE_OUT_OF_RANGE` at path `['churn']`).
 */
export function readStartAndLosses(
  input: object,
  metric: string,
): { start: Decimal; lost: Decimal } {
  const start = readAmount(input, 'startingRevenue', metric)
  const lost = readAmount(input, 'contraction', metric).plus(readAmount(input, 'churn', metric))
  if (lost.gt(start)) {
    throw impossible(
      metric,
      'churn',
      String((input as { churn: unknown }).churn),
      `contraction + churn (${lost}) cannot exceed startingRevenue (${start})`,
    )
  }
  return { start, lost }
}
