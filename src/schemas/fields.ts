import * as z from 'zod'

/**
 * Building blocks for record schemas: the field types CSV and JSON exports actually
 * contain. Each accepts the typed value too, so a schema also validates already-typed
 * records.
 */

const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/**
 * A finite number, from a number or a plain decimal string (`'9'`, `' 1.5 '`, `'2e3'`).
 * Rejects blanks, `'NaN'`, `'0x10'`, `'1,5'` and non-finite numbers.
 */
export const CsvNumberSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const number =
    typeof value === 'number'
      ? value
      : DECIMAL_TEXT.test(value.trim())
        ? Number(value.trim())
        : Number.NaN
  if (!Number.isFinite(number)) {
    context.addIssue({
      code: 'custom',
      message: `expected a finite number, got ${JSON.stringify(value)}`,
    })
    return z.NEVER
  }
  return number
})

/** A finite number ≥ 0 (weights, counts, amounts as numbers). */
export const CsvNonNegativeNumberSchema = CsvNumberSchema.refine((value) => value >= 0, {
  message: 'expected a number ≥ 0',
})

/** An integer from `min` to `max`, from a number or a string such as `'9'`. */
export function csvIntegerSchema(min: number, max: number) {
  return CsvNumberSchema.refine(
    (value) => Number.isInteger(value) && value >= min && value <= max,
    {
      message: `expected an integer from ${min} to ${max}`,
    },
  )
}

/**
 * An instant, from a valid `Date` or an ISO 8601 string. Text without an offset is read as
 * UTC, and a date alone (`'2026-03-01'`) is UTC midnight — never the host's zone.
 */
export const InstantSchema = z.union([z.date(), z.string()]).transform((value, context) => {
  const time = typeof value === 'string' ? parseIsoInstant(value.trim()) : value.getTime()
  if (Number.isNaN(time)) {
    context.addIssue({
      code: 'custom',
      message: `expected an ISO 8601 date or date-time, got ${typeof value === 'string' ? JSON.stringify(value) : 'an invalid Date'}`,
    })
    return z.NEVER
  }
  return new Date(time)
})

/** Optional text: blank cells, `null` and `undefined` become absent; text is trimmed. */
export const OptionalTextSchema = z
  .union([z.string(), z.null(), z.undefined()])
  .transform((value) => (isBlank(value) ? undefined : (value as string).trim()))
  .optional()

/** An optional number ≥ 0: blank cells become absent. */
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
  const milliseconds = fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000)
  const utc = Date.UTC(y, m - 1, d, hours, minutes, seconds, milliseconds)
  return utc - offsetMinutes(offset) * 60_000
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'))
}

/** Drops keys whose value is `undefined`, so optional fields are absent, not undefined. */
export function withoutUndefined<T extends object>(record: T): T {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value
  return result as T
}

/** An optional instant: blank cells, `null` and `undefined` become absent. */
export const OptionalInstantSchema = z
  .union([z.null(), z.undefined(), z.literal(''), InstantSchema])
  .transform((value) => (value === null || value === '' ? undefined : value))
  .optional()
