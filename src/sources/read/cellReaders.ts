import { describeValue } from '../../core/describeValue.js'
import type { RecordIssue } from '../../schemas/parseRecords.js'
import { readBoolean } from './booleans.js'
import { cellOf, readText, type SourceRow, textProblem } from './cells.js'
import { type DateReading, readCalendarDay, readInstant } from './dates.js'
import { type NumberLocale, readDecimalText, readFraction } from './numbers.js'

/**
 * Cell readers shared by the source adapters: each reads one column of a row, pushes an issue
 * at the row's own header when the cell cannot be read, and returns the value (or
 * `undefined` when blank, absent or refused). Internal.
 */
export interface CellContext {
  readonly row: SourceRow
  readonly issues: RecordIssue[]
}

function refuse(context: CellContext, key: string, message: string): undefined {
  context.issues.push({ path: [key], message })
  return undefined
}

/** Text of at most `longest` characters; `required` pushes an issue when blank. */
export function textCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  required: boolean,
  longest?: number,
): string | undefined {
  const value = cellOf(context.row, key)
  const text = readText(value, longest)
  if (text === null) return refuse(context, key ?? name, textProblem(value, longest))
  if (text === undefined && required)
    return refuse(
      context,
      key ?? name,
      key === undefined ? `no column ${name}` : `${name} is blank`,
    )
  return text
}

/** An instant (date-only and offset-less values in the reading's zone). */
export function instantCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  required: boolean,
  reading: DateReading,
): number | undefined {
  const value = cellOf(context.row, key)
  const time = readInstant(value, reading)
  if (time === null)
    return refuse(
      context,
      key ?? name,
      `expected a date or date-time (ISO 8601, or ${reading.dateOrder} order), got ${describeValue(value)}`,
    )
  if (time === undefined && required)
    return refuse(
      context,
      key ?? name,
      key === undefined ? `no column ${name}` : `${name} is blank`,
    )
  return time
}

/** A calendar date as `'YYYY-MM-DD'`. */
export function dayCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  reading: DateReading,
): string | undefined {
  const value = cellOf(context.row, key)
  const day = readCalendarDay(value, reading.dateOrder)
  if (day === null)
    return refuse(
      context,
      key ?? name,
      `expected a date such as 2026-03-31 (or ${reading.dateOrder} order), got ${describeValue(value)}`,
    )
  return day
}

/** An amount ≥ 0 as plain decimal text. */
export function amountCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  locale: NumberLocale,
  noun = 'an amount',
): string | undefined {
  const value = cellOf(context.row, key)
  const text = readDecimalText(value, locale)
  if (text === null)
    return refuse(
      context,
      key ?? name,
      `expected ${noun} written in locale '${locale}' (such as ${EXAMPLE_AMOUNT[locale]}), got ${describeValue(value)}`,
    )
  if (text?.startsWith('-'))
    return refuse(context, key ?? name, `expected ${noun} ≥ 0, got ${describeValue(value)}`)
  return text
}

const EXAMPLE_AMOUNT: Readonly<Record<NumberLocale, string>> = {
  en: '48,000.00',
  de: '48.000,00',
  fr: '48 000,00',
  ch: "48'000.00",
}

/** A number ≥ 0 (durations). */
export function countCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  locale: NumberLocale,
): number | undefined {
  const text = amountCell(context, key, name, locale, 'a number')
  return text === undefined ? undefined : Number(text)
}

/** A percentage 0–100 (`35`, `'35'`, `'35%'`) as a fraction 0–1. */
export function percentCell(
  context: CellContext,
  key: string | undefined,
  name: string,
  locale: NumberLocale,
): number | undefined {
  const value = cellOf(context.row, key)
  const fraction = readFraction(value, { percent: true, locale })
  if (fraction === null || (fraction !== undefined && (fraction < 0 || fraction > 1)))
    return refuse(
      context,
      key ?? name,
      `expected a percentage from 0 to 100, got ${describeValue(value)}`,
    )
  return fraction
}

/** A boolean as Salesforce and spreadsheets write it. */
export function booleanCell(
  context: CellContext,
  key: string | undefined,
  name: string,
): boolean | undefined {
  const value = cellOf(context.row, key)
  const flag = readBoolean(value)
  if (flag === null)
    return refuse(
      context,
      key ?? name,
      `expected true or false (also 1/0, yes/no), got ${describeValue(value)}`,
    )
  return flag
}

/** An ISO 4217 code, upper-cased. */
export function currencyCell(
  context: CellContext,
  key: string | undefined,
  name: string,
): string | undefined {
  const value = cellOf(context.row, key)
  const text = readText(value, 3)
  if (text === null || (text !== undefined && !/^[A-Za-z]{3}$/.test(text)))
    return refuse(
      context,
      key ?? name,
      `expected a three-letter ISO 4217 currency code, got ${describeValue(value)}`,
    )
  return text?.toUpperCase()
}
