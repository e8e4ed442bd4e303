import { requireTimeZone } from '../../core/calendarPeriods.js'
import { describeValue } from '../../core/describeValue.js'
import { MetricInputError } from '../../core/MetricInputError.js'
import { readOptions } from '../../core/validate.js'
import { thrownText } from '../../time/timeInputs.js'
import { FORBIDDEN_KEYS } from './cells.js'
import { DATE_ORDERS, type DateOrder } from './dates.js'
import { NUMBER_LOCALES, type NumberLocale } from './numbers.js'

/**
 * What a source adapter does with a row it cannot map: `'collect'` (the default for
 * sources) lists it in `rejected` with its index and reasons; `'throw'` stops at the first
 * one with `INVALID_RECORD`.
 *
 * @example
 * ```ts
 * ON_INVALID_CHOICES // => ['collect', 'throw']
 * ```
 * @category Sources
 */
export const ON_INVALID_CHOICES = ['collect', 'throw'] as const
/**
 * One of {@link ON_INVALID_CHOICES}.
 *
 * @category Sources
 */
export type OnInvalid = (typeof ON_INVALID_CHOICES)[number]

/**
 * The options every source adapter takes (each adds its own).
 *
 * @category Sources
 */
export interface SourceOptions<F extends string = string> {
  /** Your own header for a record field, tried before the vendor's names: `{ amount: 'Amount (converted)' }`. */
  readonly columns?: Readonly<Partial<Record<F, string>>>
  /** How numbers are written in the whole export (see {@link NUMBER_LOCALES}); default `'en'`. */
  readonly locale?: NumberLocale
  /** Order of slashed or dotted dates (`3/1/2026`); see {@link DATE_ORDERS}; default `'mdy'`. */
  readonly dateOrder?: DateOrder
  /** IANA zone of dates without an offset (date-only values, report date-times); default `'UTC'`. */
  readonly timeZone?: string
  /** `'collect'` (default) or `'throw'`; see {@link ON_INVALID_CHOICES}. */
  readonly onInvalid?: OnInvalid
}

/** The common options, checked. */
export interface SourceSettings<F extends string> {
  readonly columns: Readonly<Partial<Record<F, string>>>
  readonly locale: NumberLocale
  readonly dateOrder: DateOrder
  readonly timeZone: string
  readonly onInvalid: OnInvalid
}

export function invalidOption(metric: string, path: (string | number)[], message: string) {
  return new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path,
    message: `${metric}: ${message}`,
  })
}

/** Reads `name` of `options` (a getter that throws is `INVALID_OPTION` at `[name]`). */
export function optionOf(options: object, name: string, metric: string): unknown {
  try {
    return (options as Record<string, unknown>)[name]
  } catch (error) {
    throw invalidOption(metric, [name], `option ${name} could not be read: ${thrownText(error)}`)
  }
}

function choiceOf<T extends string>(
  options: object,
  name: string,
  allowed: readonly T[],
  fallback: T,
  metric: string,
): T {
  const value = optionOf(options, name, metric)
  if (value === undefined) return fallback
  if (!allowed.includes(value as T))
    throw invalidOption(
      metric,
      [name],
      `option ${name} is ${describeValue(value)}; it must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`,
    )
  return value as T
}

/** Checks the common options of a source adapter; `fields` are the record fields `columns` may name. */
export function readSourceOptions<F extends string>(
  options: SourceOptions<F> | undefined,
  fields: readonly F[],
  metric: string,
): SourceSettings<F> {
  const given = readOptions(options, metric)
  const timeZone = optionOf(given, 'timeZone', metric) ?? 'UTC'
  if (typeof timeZone !== 'string') requireTimeZone(timeZone as string, metric)
  return {
    columns: readColumns(optionOf(given, 'columns', metric), fields, metric),
    locale: choiceOf(given, 'locale', NUMBER_LOCALES, 'en', metric),
    dateOrder: choiceOf(given, 'dateOrder', DATE_ORDERS, 'mdy', metric),
    timeZone: requireTimeZone(timeZone as string, metric),
    onInvalid: choiceOf(given, 'onInvalid', ON_INVALID_CHOICES, 'collect', metric),
  }
}

/** The `columns` option: an object of record field → header text. */
function readColumns<F extends string>(
  value: unknown,
  fields: readonly F[],
  metric: string,
): Readonly<Partial<Record<F, string>>> {
  if (value === undefined) return {} as Partial<Record<F, string>>
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidOption(
      metric,
      ['columns'],
      `option columns is ${describeValue(value)}; it must be an object such as { amount: 'Amount' }`,
    )
  const columns: Partial<Record<F, string>> = {}
  let keys: string[]
  try {
    keys = Object.keys(value)
  } catch (error) {
    throw invalidOption(
      metric,
      ['columns'],
      `option columns could not be read: ${thrownText(error)}`,
    )
  }
  for (const key of keys) {
    if (!fields.includes(key as F))
      throw invalidOption(
        metric,
        ['columns', key],
        `option columns names ${describeValue(key)}; the fields it may map are ${fields.join(', ')}`,
      )
    const header = optionOf(value, key, metric)
    if (
      typeof header !== 'string' ||
      header.trim() === '' ||
      header.length > 1000 ||
      FORBIDDEN_KEYS.has(header)
    )
      throw invalidOption(
        metric,
        ['columns', key],
        `option columns.${key} is ${describeValue(header)}; it must be a column header`,
      )
    columns[key as F] = header
  }
  return columns
}
