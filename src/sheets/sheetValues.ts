import { MetricInputError } from '../core/MetricInputError.js'

/**
 * The host-neutral values of the spreadsheet layer: each host file turns its cells into
 * these (numbers, text, booleans, `null` for a blank, a `SheetCellError` for an error cell;
 * dates as day serials counted from 1899-12-30, the Excel/Sheets epoch), and turns the
 * results and `SheetError`s back into its own forms. Internal.
 */
export type SheetCell = number | string | boolean | null | SheetCellError

/** An error cell in an input range (`#N/A`, `#DIV/0!` …). */
export interface SheetCellError {
  readonly sheetError: string
}

/** The spreadsheet error codes a KPI function can produce. */
export type SheetErrorCode = 'DIV0' | 'VALUE' | 'NUM' | 'NA'

/** How each code is written in a cell. */
export const SHEET_ERROR_TEXT: Readonly<Record<SheetErrorCode, string>> = {
  DIV0: '#DIV/0!',
  VALUE: '#VALUE!',
  NUM: '#NUM!',
  NA: '#N/A',
}

/** A KPI function's refusal, in spreadsheet terms. */
export interface SheetError {
  readonly code: SheetErrorCode
  readonly message: string
}

/** A function result: a number, or a rectangular block whose holes are `null`. */
export type SheetResult = number | (number | null)[][]

/** Thrown by the registry's functions; hosts catch it and show their error. */
export class SheetFunctionError extends Error {
  override readonly name = 'SheetFunctionError'
  readonly code: SheetErrorCode
  constructor(code: SheetErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/** The spreadsheet error for anything a KPI function threw. */
export function toSheetError(error: unknown): SheetError {
  if (error instanceof SheetFunctionError) return { code: error.code, message: error.message }
  if (error instanceof MetricInputError) {
    const numeric = [
      'SCORE_OUT_OF_RANGE',
      'VALUE_OUT_OF_RANGE',
      'RATE_OUT_OF_RANGE',
      'NEGATIVE_VALUE',
      'NOT_FINITE',
    ]
    return { code: numeric.includes(error.code) ? 'NUM' : 'VALUE', message: error.message }
  }
  return { code: 'VALUE', message: error instanceof Error ? error.message : String(error) }
}

/** `null` results of the core become `#DIV/0!` (an undefined ratio), never a silent 0. */
export function definedOrDivideByZero(value: number | null, name: string, why: string): number {
  if (value === null) throw new SheetFunctionError('DIV0', `${name}: ${why}`)
  return value
}

/** Every cell of a range, row by row. */
export function flatten(range: SheetCell | readonly (readonly SheetCell[])[]): SheetCell[] {
  if (!Array.isArray(range)) return [range as SheetCell]
  const cells: SheetCell[] = []
  for (const row of range) for (const cell of row) cells.push(cell)
  return cells
}

/**
 * The numbers of a range, blanks skipped; text, booleans and error cells refused with
 * `#VALUE!` naming the argument and the cell's position (1-based, row-major).
 */
export function numbersOf(
  range: SheetCell | readonly (readonly SheetCell[])[],
  name: string,
  argument: string,
): number[] {
  const numbers: number[] = []
  for (const [index, cell] of flatten(range).entries()) {
    if (cell === null) continue
    if (typeof cell !== 'number') {
      throw new SheetFunctionError(
        'VALUE',
        `${name}: cell ${index + 1} of ${argument} is ${describeCell(cell)}; expected a number or a blank`,
      )
    }
    numbers.push(cell)
  }
  return numbers
}

/**
 * Pairs of numbers from two ranges of the same size; positions where either cell is blank
 * are skipped (a period without an actual or a forecast is not scored).
 */
export function pairsOf(
  first: readonly (readonly SheetCell[])[] | SheetCell,
  second: readonly (readonly SheetCell[])[] | SheetCell,
  name: string,
  names: readonly [string, string],
): [number[], number[]] {
  const a = flatten(first)
  const b = flatten(second)
  if (a.length !== b.length) {
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${names[0]} has ${a.length} cells but ${names[1]} has ${b.length}; give ranges of the same size`,
    )
  }
  const left: number[] = []
  const right: number[] = []
  for (let index = 0; index < a.length; index++) {
    const x = a[index] as SheetCell
    const y = b[index] as SheetCell
    if (x === null || y === null) continue
    if (typeof x !== 'number' || typeof y !== 'number') {
      const [cell, argument] = typeof x !== 'number' ? [x, names[0]] : [y, names[1]]
      throw new SheetFunctionError(
        'VALUE',
        `${name}: cell ${index + 1} of ${argument} is ${describeCell(cell)}; expected a number or a blank`,
      )
    }
    left.push(x)
    right.push(y)
  }
  return [left, right]
}

/** One scalar argument as a number; blank or omitted gives `fallback` (or `#VALUE!` without one). */
export function numberArgument(
  value: SheetCell | undefined,
  name: string,
  argument: string,
  fallback?: number,
): number {
  if (value === null || value === undefined || value === '') {
    if (fallback !== undefined) return fallback
    throw new SheetFunctionError('VALUE', `${name}: ${argument} is missing`)
  }
  if (typeof value !== 'number')
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${argument} is ${describeCell(value)}; expected a number`,
    )
  return value
}

/** One scalar argument as text; blank or omitted gives `fallback`. */
export function textArgument(
  value: SheetCell | undefined,
  name: string,
  argument: string,
  fallback: string,
): string {
  if (value === null || value === undefined || value === '') return fallback
  if (typeof value !== 'string')
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${argument} is ${describeCell(value)}; expected text`,
    )
  return value
}

function describeCell(cell: SheetCell): string {
  if (typeof cell === 'string') return `the text ${JSON.stringify(cell)}`
  if (typeof cell === 'boolean') return `the logical value ${cell ? 'TRUE' : 'FALSE'}`
  if (cell !== null && typeof cell === 'object') return `the error ${cell.sheetError}`
  return String(cell)
}

/** Milliseconds of the day serial origin 1899-12-30 (Excel's 1900 system from 1900-03-01, and Sheets). */
export const SERIAL_EPOCH = Date.UTC(1899, 11, 30)
