import type { Decimal } from 'decimal.js'
import { describeValue } from './describeValue.js'
import { MetricInputError, type MetricInputPath } from './MetricInputError.js'
import { isDecimal, MoneyDecimal, type MoneyInput } from './MoneyInput.js'

/**
 * Exact money sums without a `Decimal` per row. Amounts are added as integers scaled by
 * 10^scale (scale = the most decimal places seen, at most 6) while the running total stays
 * a safe integer; anything else (more places, huge magnitudes, a total about to overflow)
 * is moved into a decimal.js remainder. Internal: the accumulator is a private mutable
 * object that never escapes a call.
 */
export interface MoneySum {
  units: number
  scale: number
  remainder: Decimal | null
  /** The context of the first amount that reached the remainder, for error messages. */
  context: MoneyContext | null
}

const MAX_SCALE = 6
/** Significant digits a money value holds exactly (IEEE 754 decimal128). */
export const MONEY_DIGITS = 34
/** Digits of the wide check that tells a sum needing more than 34 digits from one that cancels. */
const WIDE_DIGITS = 100
const WideDecimal = MoneyDecimal.clone({ precision: WIDE_DIGITS })
/** 10^0 … 10^6. */
export const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000] as const
const DECIMAL_PATTERN = /^\s*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/

/** A new, empty accumulator. */
export function createMoneySum(): MoneySum {
  return { units: 0, scale: 0, remainder: null, context: null }
}

/**
 * What a sum belongs to, shared by all its rows: the function, whether amounts below zero
 * are accepted, and the record field holding the amount (absent for a flat list).
 */
export interface MoneyContext {
  readonly metric: string
  readonly allowNegative: boolean
  /** The record field holding the amount: path `[key, field]`. */
  readonly field?: string
  /** The named list the rows belong to: path `[list, key, field]`. */
  readonly list?: string
}

/**
 * Adds one amount. `key` is the row index (or an input field name such as
 * `'startingRevenue'`); the path `[key]` or `[key, field]` is only built when the amount is
 * refused, so hot loops allocate nothing per row.
 */
export function addMoney(
  sum: MoneySum,
  value: MoneyInput | undefined,
  context: MoneyContext,
  key: number | string,
): void {
  if (typeof value === 'number') {
    addNumber(sum, value, context, key)
  } else if (typeof value === 'string') {
    addString(sum, value, context, key)
  } else if (isDecimal(value)) {
    if (!value.isFinite()) refuse('NOT_FINITE', value.toString(), context, key)
    if (value.lt(0) && !context.allowNegative)
      refuse('NEGATIVE_VALUE', value.toString(), context, key)
    addToRemainder(sum, exactDecimal(new MoneyDecimal(value), context, key), context, key)
  } else {
    refuse(value === undefined ? 'MISSING_VALUE' : 'NOT_FINITE', describeValue(value), context, key)
  }
}

/** The exact total as a `Decimal` (34 significant digits). */
export function moneySumValue(sum: MoneySum): Decimal {
  // A whole-number sum needs no division (~30 % faster per result value).
  const units = new MoneyDecimal(sum.units)
  const scaled = sum.scale === 0 ? units : units.div(POWERS_OF_TEN[sum.scale as 0])
  if (sum.remainder === null) return scaled
  const total = exactSum(scaled, sum.remainder)
  if (total === null) refuseTotal(sum.context)
  return total
}

/** The total of an accumulator that may not exist yet; `Decimal(0)` when absent. */
export function moneySumOrZero(sum: MoneySum | undefined): Decimal {
  return sum === undefined ? new MoneyDecimal(0) : moneySumValue(sum)
}

/** Merges `other` into `sum`. */
export function mergeMoneySums(sum: MoneySum, other: MoneySum): void {
  addScaled(sum, other.units, other.scale)
  if (other.remainder !== null) addToRemainder(sum, other.remainder, other.context, undefined)
}

/** Reads one amount as a `Decimal`, with the same rules as a sum of one. */
export function toMoneyDecimal(
  value: MoneyInput,
  context: MoneyContext,
  key: number | string,
): Decimal {
  const sum = createMoneySum()
  addMoney(sum, value, context, key)
  return moneySumValue(sum)
}

function addNumber(
  sum: MoneySum,
  value: number,
  context: MoneyContext,
  key: number | string,
): void {
  if (!Number.isFinite(value)) refuse('NOT_FINITE', describeValue(value), context, key)
  if (value < 0 && !context.allowNegative) refuse('NEGATIVE_VALUE', String(value), context, key)
  const scale = decimalScale(value)
  if (scale >= 0) {
    addScaled(sum, Math.round(value * POWERS_OF_TEN[scale as 0]), scale)
  } else {
    addToRemainder(sum, new MoneyDecimal(String(value)), context, key)
  }
}

/**
 * The decimal places (0..6) of a finite number's shortest decimal form, when it scales to a
 * safe integer; -1 otherwise (more places, or too large).
 */
export function decimalScale(value: number): number {
  for (let scale = 0; scale <= MAX_SCALE; scale++) {
    const power = POWERS_OF_TEN[scale as 0]
    const units = Math.round(value * power)
    if (units / power === value && Number.isSafeInteger(units)) return scale
  }
  return -1
}

/**
 * Adds `value × factor` exactly — an amount times a probability or an exchange rate.
 * Number × number stays in scaled integers when the places add up to at most 6 and the
 * product is a safe integer; anything else multiplies in decimal.js. `factor` must be
 * finite (the caller checks it).
 */
export function addMoneyTimes(
  sum: MoneySum,
  value: MoneyInput | undefined,
  factor: number | Decimal,
  context: MoneyContext,
  key: number | string,
): void {
  if (factor === 1) {
    addMoney(sum, value, context, key)
    return
  }
  if (typeof value === 'number' && typeof factor === 'number' && Number.isFinite(value)) {
    if (value < 0 && !context.allowNegative) refuse('NEGATIVE_VALUE', String(value), context, key)
    const valueScale = decimalScale(value)
    const factorScale = decimalScale(factor)
    if (valueScale >= 0 && factorScale >= 0 && valueScale + factorScale <= MAX_SCALE) {
      const units =
        Math.round(value * POWERS_OF_TEN[valueScale as 0]) *
        Math.round(factor * POWERS_OF_TEN[factorScale as 0])
      if (Number.isSafeInteger(units)) {
        addScaled(sum, units, valueScale + factorScale)
        return
      }
    }
  }
  const single = createMoneySum()
  addMoney(single, value, context, key)
  const multiplier = typeof factor === 'number' ? new MoneyDecimal(String(factor)) : factor
  addToRemainder(sum, moneySumValue(single).times(multiplier), context, key)
}

function addString(
  sum: MoneySum,
  value: string,
  context: MoneyContext,
  key: number | string,
): void {
  const match = DECIMAL_PATTERN.exec(value)
  const integerDigits = match?.[2] ?? ''
  const fractionDigits = match?.[3] ?? ''
  if (match === null || integerDigits.length + fractionDigits.length === 0) {
    refuse('NOT_FINITE', describeValue(value), context, key)
  }
  const negative = match[1] === '-'
  if (negative && !context.allowNegative && /[1-9]/.test(integerDigits + fractionDigits)) {
    refuse('NEGATIVE_VALUE', value.trim(), context, key)
  }
  if (
    match[4] === undefined &&
    fractionDigits.length <= MAX_SCALE &&
    integerDigits.length + fractionDigits.length <= 15
  ) {
    const magnitude = Number(integerDigits + fractionDigits)
    addScaled(sum, negative ? -magnitude : magnitude, fractionDigits.length)
    return
  }
  const parsed = new MoneyDecimal(value.trim())
  if (!parsed.isFinite() || (parsed.isZero() && /[1-9]/.test(integerDigits + fractionDigits))) {
    refuse('VALUE_OUT_OF_RANGE', describeValue(value), context, key)
  }
  addToRemainder(sum, exactDecimal(parsed, context, key), context, key)
}

/** `value` when it has at most 34 significant digits; `VALUE_OUT_OF_RANGE` otherwise. */
function exactDecimal(value: Decimal, context: MoneyContext, key: number | string): Decimal {
  if (value.sd() > MONEY_DIGITS) refuse('VALUE_OUT_OF_RANGE', value.toString(), context, key)
  return value
}

/**
 * a + b when the sum holds exactly in 34 significant digits; `null` when it would be
 * rounded (`1e34 + 1`). Cheap when the digits of both fit one 34-digit window; otherwise
 * the sum is redone with 100 digits to see whether it cancels down to 34.
 */
function exactSum(a: Decimal, b: Decimal): Decimal | null {
  const total = a.plus(b)
  if (a.isZero() || b.isZero() || total.isZero()) return total
  const lowest = Math.min(a.e - a.sd() + 1, b.e - b.sd() + 1)
  if (total.e - lowest + 1 <= MONEY_DIGITS) return total
  if (Math.max(a.e, b.e) + 2 - lowest > WIDE_DIGITS) return null
  const wide = new WideDecimal(a).plus(b)
  return wide.sd() <= MONEY_DIGITS ? new MoneyDecimal(wide) : null
}

/** Adds `units` × 10^−scale (a safe integer, 0 ≤ scale ≤ 6) to the sum. */
export function addScaled(sum: MoneySum, units: number, scale: number): void {
  if (units === 0) return
  if (scale > sum.scale) {
    const rescaled = sum.units * POWERS_OF_TEN[(scale - sum.scale) as 0]
    if (!Number.isSafeInteger(rescaled)) {
      flushUnits(sum)
    } else {
      sum.units = rescaled
    }
    sum.scale = scale
  }
  const aligned = units * POWERS_OF_TEN[(sum.scale - scale) as 0]
  const total = sum.units + aligned
  if (Number.isSafeInteger(aligned) && Number.isSafeInteger(total)) {
    sum.units = total
    return
  }
  flushUnits(sum)
  if (Number.isSafeInteger(aligned)) {
    sum.units = aligned
  } else {
    addToRemainder(
      sum,
      new MoneyDecimal(units).div(POWERS_OF_TEN[scale as 0]),
      sum.context,
      undefined,
    )
  }
}

function flushUnits(sum: MoneySum): void {
  if (sum.units !== 0) {
    addToRemainder(
      sum,
      new MoneyDecimal(sum.units).div(POWERS_OF_TEN[sum.scale as 0]),
      sum.context,
      undefined,
    )
    sum.units = 0
  }
}

/**
 * Adds to the decimal.js part; `VALUE_OUT_OF_RANGE` at `key` when the total would need more
 * than 34 significant digits (exact money refuses what it cannot hold exactly).
 */
function addToRemainder(
  sum: MoneySum,
  value: Decimal,
  context: MoneyContext | null,
  key: number | string | undefined,
): void {
  if (sum.context === null && context !== null) sum.context = context
  if (sum.remainder === null) {
    sum.remainder = value
    return
  }
  const total = exactSum(sum.remainder, value)
  if (total === null) refuseTotal(context ?? sum.context, key)
  sum.remainder = total
}

function refuseTotal(context: MoneyContext | null, key?: number | string): never {
  const metric = context?.metric ?? 'sumMoney'
  throw new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    ...(key === undefined || context === null ? {} : { path: pathOf(context, key) }),
    message: `${metric}: the total${key === undefined ? '' : ` after the amount at ${describeKey(context, key)}`} needs more than ${MONEY_DIGITS} significant digits; an exact money sum cannot hold it without rounding`,
  })
}

function pathOf(context: MoneyContext, key: number | string): MetricInputPath {
  const { field, list } = context
  return [...(list === undefined ? [] : [list]), key, ...(field === undefined ? [] : [field])]
}

function describeKey(context: MoneyContext | null, key: number | string): string {
  if (typeof key === 'string') return key
  const list = context?.list
  return list === undefined ? `index ${key}` : `${list}[${key}]`
}

function refuse(
  code: 'MISSING_VALUE' | 'NOT_FINITE' | 'NEGATIVE_VALUE' | 'VALUE_OUT_OF_RANGE',
  shown: string,
  context: MoneyContext,
  key: number | string,
): never {
  const { metric, field } = context
  const path = pathOf(context, key)
  const label =
    typeof key === 'string' ? key : `${field ?? 'amount'} at ${describeKey(context, key)}`
  throw new MetricInputError({
    code,
    metric,
    path,
    message:
      code === 'MISSING_VALUE'
        ? `${metric}: ${label} is missing; a money value needs an amount`
        : code === 'NOT_FINITE'
          ? `${metric}: ${label} is ${shown}; amounts must be finite decimal numbers`
          : code === 'NEGATIVE_VALUE'
            ? `${metric}: ${label} is ${shown}; amounts must not be negative`
            : `${metric}: ${label} is ${shown}; an exact amount holds at most ${MONEY_DIGITS} significant digits and exponents within ±9e15`,
  })
}
