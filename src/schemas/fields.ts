import * as z from 'zod'
import { DAY_MILLISECONDS, daysInMonth, epochDayOfCivil } from '../core/calendarKernel.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'

/**
 * Building blocks for record schemas: the field types CSV and JSON exports actually
 * contain. Each accepts the typed value too, so a schema also validates already-typed
 * records.
 */

// One way to match any text (no nested or adjacent ambiguous quantifiers), so a failing
// match is linear in the text; longer texts are refused before the pattern runs.
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
/** Number text longer than this is refused: no finite double needs more characters. */
export const LONGEST_NUMBER_TEXT = 400
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/
/** Date-time text longer than this is refused before the pattern runs. */
const LONGEST_INSTANT_TEXT = 64

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/**
 * A finite number, from a number or a plain decimal string (`'9'`, `' 1.5 '`, `'2e3'`).
 * Rejects blanks, `'NaN'`, `'0x10'`, `'1,5'` and non-finite numbers.
 *
 * @example
 * ```ts
 * CsvNumberSchema.parse(' 1.5e3 ') // => 1500
 * ```
 * @category Schemas
 */
export const CsvNumberSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const number = typeof value === 'number' ? value : numberOfText(value)
  if (!Number.isFinite(number)) {
    context.addIssue({
      code: 'custom',
      message: `expected a finite number, got ${describeValue(value)}`,
    })
    return z.NEVER
  }
  // -0 (from -0 or '-0') is 0: no -0 reaches a metric.
  return number === 0 ? 0 : number
})

/** The number a plain decimal text holds, or NaN. Linear in the text; long texts are NaN. */
function numberOfText(value: string): number {
  if (value.length > LONGEST_NUMBER_TEXT * 4) return Number.NaN
  const text = value.trim()
  if (text.length > LONGEST_NUMBER_TEXT || !DECIMAL_TEXT.test(text)) return Number.NaN
  return Number(text)
}

/**
 * A finite number ≥ 0 (weights, counts, amounts as numbers).
 *
 * @example
 * ```ts
 * CsvNonNegativeNumberSchema.safeParse('-1').success // => false
 * ```
 * @category Schemas
 */
export const CsvNonNegativeNumberSchema = CsvNumberSchema.refine((value) => value >= 0, {
  message: 'expected a number ≥ 0',
})

/**
 * An integer from `min` to `max`, from a number or a string such as `'9'`.
 *
 * @throws MetricInputError `INVALID_OPTION` (path `['min']` / `['max']`) unless `min` and
 *   `max` are safe integers with `min` ≤ `max`.
 *
 * @example
 * ```ts
 * csvIntegerSchema(1, 5).parse('4') // => 4
 * ```
 * @category Schemas
 */
export function csvIntegerSchema(min: number, max: number) {
  const metric = 'csvIntegerSchema'
  for (const [name, bound] of [
    ['min', min],
    ['max', max],
  ] as const) {
    if (!Number.isSafeInteger(bound)) {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: [name],
        message: `${metric}: ${name} is ${describeValue(bound)}; it must be a safe integer`,
      })
    }
  }
  if (max < min) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric,
      path: ['max'],
      message: `${metric}: max (${max}) is below min (${min})`,
    })
  }
  return CsvNumberSchema.refine(
    (value) => Number.isInteger(value) && value >= min && value <= max,
    {
      message: `expected an integer from ${min} to ${max}`,
    },
  )
}

/**
 * An instant, from a valid `Date` or an ISO 8601 string. Text without an offset is read as
 * UTC, and a date alone (`'2026-03-01'`) is UTC midnight — never the host's zone. Years
 * 0000–9999 are read as written (proleptic Gregorian; `'0050-06-15'` is year 50); offsets
 * run from −14:00 to +14:00.
 *
 * @example
 * ```ts
 * InstantSchema.parse('2026-03-01T10:00:00+01:00').toISOString() // => '2026-03-01T09:00:00.000Z'
 * ```
 * @category Schemas
 */
export const InstantSchema = z.union([z.date(), z.string()]).transform((value, context) => {
  const time = typeof value === 'string' ? parseIsoInstant(value.trim()) : value.getTime()
  if (Number.isNaN(time)) {
    context.addIssue({
      code: 'custom',
      message: `expected an ISO 8601 date or date-time, got ${describeValue(value)}`,
    })
    return z.NEVER
  }
  return new Date(time)
})

/**
 * Optional text: blank cells, `null` and `undefined` become absent; text is trimmed.
 *
 * @example
 * ```ts
 * OptionalTextSchema.parse('  ') // => undefined
 * ```
 * @category Schemas
 */
export const OptionalTextSchema = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((value) => (isBlank(value) ? undefined : (value as string).trim()))
  .optional()

/**
 * An optional number ≥ 0: blank cells become absent.
 *
 * @example
 * ```ts
 * OptionalNonNegativeNumberSchema.parse(' 2.5 ') // => 2.5
 * ```
 * @category Schemas
 */
export const OptionalNonNegativeNumberSchema = z
  .union([z.number(), z.string(), z.null(), z.undefined()])
  .transform((value, context) => {
    if (isBlank(value)) return undefined
    const parsed = CsvNonNegativeNumberSchema.safeParse(value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        context.addIssue({ code: 'custom', message: issue.message })
      return z.NEVER
    }
    return parsed.data
  })
  .optional()

/** Epoch milliseconds of an ISO 8601 instant, or NaN. Internal. */
export function parseIsoInstant(text: string): number {
  if (text.length > LONGEST_INSTANT_TEXT) return Number.NaN
  const match = ISO_INSTANT.exec(text)
  if (match === null) return Number.NaN
  const [, year, month, day, hour, minute, second, fraction, offset] = match
  const y = Number(year)
  const m = Number(month)
  const d = Number(day)
  const hours = Number(hour ?? 0)
  const minutes = Number(minute ?? 0)
  const seconds = Number(second ?? 0)
  if (
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m) ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59
  ) {
    return Number.NaN
  }
  const shift = offsetMinutes(offset)
  if (Number.isNaN(shift)) return Number.NaN
  const milliseconds = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000)
  // Arithmetic, not Date.UTC, which reads years 0–99 as 1900–1999.
  const local =
    epochDayOfCivil(y, m, d) * DAY_MILLISECONDS +
    ((hours * 60 + minutes) * 60 + seconds) * 1000 +
    milliseconds
  return local - shift * 60_000
}

/** Minutes east of UTC of an offset (`Z`, `+05:30`, `-0800`, `+01`); NaN beyond ±14:00. */
function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2) || '0')
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return Number.NaN
  return sign * (hours * 60 + minutes)
}

/** Drops keys whose value is `undefined`, so optional fields are absent, not undefined. */
export function withoutUndefined<T extends object>(record: T): T {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value
  return result as T
}

/**
 * An optional instant: blank cells, `null` and `undefined` become absent.
 *
 * @example
 * ```ts
 * OptionalInstantSchema.parse('') // => undefined
 * ```
 * @category Schemas
 */
export const OptionalInstantSchema = z
  .union([z.null(), z.undefined(), z.literal(''), InstantSchema])
  .transform((value) => (value === null || value === '' ? undefined : value))
  .optional()
