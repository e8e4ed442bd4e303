import { MetricInputError, type MetricInputPath } from '../core/MetricInputError.js'

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

/** Where a range starts in its sheet (0-based), when the host says so. */
export interface SheetRangeOrigin {
  readonly row: number
  readonly column: number
}

/**
 * A range argument: its cells row by row and, when the host gives it, the sheet position of
 * its top-left cell, so that messages can name a cell as the user sees it (`A4`).
 */
export interface SheetRange {
  readonly cells: readonly (readonly SheetCell[])[]
  readonly origin?: SheetRangeOrigin
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

const NUMERIC_CODES: ReadonlySet<string> = new Set([
  'SCORE_OUT_OF_RANGE',
  'VALUE_OUT_OF_RANGE',
  'RATE_OUT_OF_RANGE',
  'NEGATIVE_VALUE',
  'NOT_FINITE',
])

/** The spreadsheet code of a core error: out-of-range numbers are `#NUM!`, the rest `#VALUE!`. */
export function sheetCodeOf(error: MetricInputError): SheetErrorCode {
  return NUMERIC_CODES.has(error.code) ? 'NUM' : 'VALUE'
}

/** The spreadsheet error for anything a KPI function threw. */
export function toSheetError(error: unknown): SheetError {
  if (error instanceof SheetFunctionError) return { code: error.code, message: error.message }
  if (error instanceof MetricInputError) return { code: sheetCodeOf(error), message: error.message }
  return { code: 'VALUE', message: error instanceof Error ? error.message : String(error) }
}

/** `null` results of the core become `#DIV/0!` (an undefined ratio), never a silent 0. */
export function definedOrDivideByZero(value: number | null, name: string, why: string): number {
  if (value === null) throw new SheetFunctionError('DIV0', `${name}: ${why}`)
  return value
}

/** Every cell of a range, row by row. */
export function flatten(range: SheetRange): SheetCell[] {
  const cells: SheetCell[] = []
  const rows = range.cells
  for (let row = 0; row < rows.length; row++) {
    const line = rows[row] as readonly SheetCell[]
    for (let column = 0; column < line.length; column++) cells.push(line[column] as SheetCell)
  }
  return cells
}

/** `A`, `B` … `Z`, `AA` … for a 0-based column. */
function columnLetters(column: number): string {
  let letters = ''
  let rest = column + 1
  while (rest > 0) {
    const digit = (rest - 1) % 26
    letters = String.fromCharCode(65 + digit) + letters
    rest = (rest - 1 - digit) / 26
  }
  return letters
}

/**
 * The cell at a row-major position of a range as the sheet user sees it: `A4` when the host
 * gave the range's position, else `row 4 of scores` (a one-column range) or
 * `row 2, column 3 of scores`. Positions count blanks, as the sheet does.
 */
export function cellName(range: SheetRange, argument: string, position: number): string {
  const rows = range.cells
  let rest = position
  let row = 0
  while (row < rows.length && rest >= (rows[row] as readonly SheetCell[]).length) {
    rest -= (rows[row] as readonly SheetCell[]).length
    row++
  }
  const width = rows.length === 0 ? 1 : (rows[0] as readonly SheetCell[]).length
  if (range.origin !== undefined) {
    return `${columnLetters(range.origin.column + rest)}${range.origin.row + row + 1}`
  }
  if (width === 1) return `row ${row + 1} of ${argument}`
  if (rows.length === 1) return `column ${rest + 1} of ${argument}`
  return `row ${row + 1}, column ${rest + 1} of ${argument}`
}

/**
 * Numeric text as a sheet reads it (`"9"`, `"-1.5"`, `"2e3"`): digits with an optional sign,
 * point and exponent, nothing else — not `"0x10"`, `""`, `" 12 "`, and not `"1e400"` (it is
 * not finite). The pattern has no nested repetition, so it runs in linear time.
 */
const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
const LONGEST_NUMERIC_TEXT = 400

/** A cell as a finite number (numeric text read as a number), or `undefined` if it is not one. */
export function numberOfCell(cell: SheetCell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined
  if (typeof cell !== 'string' || cell.length > LONGEST_NUMERIC_TEXT) return undefined
  if (!NUMERIC_TEXT.test(cell)) return undefined
  const value = Number(cell)
  return Number.isFinite(value) ? value : undefined
}

/** The numbers of a range and, for each, its row-major position in the range. */
export interface RangeNumbers {
  readonly values: number[]
  readonly positions: number[]
}

function notANumber(name: string, where: string, cell: SheetCell): SheetFunctionError {
  return new SheetFunctionError(
    'VALUE',
    `${name}: ${where} is ${describeCell(cell)}; expected a number or a blank`,
  )
}

/**
 * The numbers of a range, blanks skipped, numeric text read as numbers; other text,
 * booleans and error cells refused with `#VALUE!` naming the cell.
 */
export function numbersOf(range: SheetRange, name: string, argument: string): RangeNumbers {
  const values: number[] = []
  const positions: number[] = []
  const cells = flatten(range)
  for (let position = 0; position < cells.length; position++) {
    const cell = cells[position] as SheetCell
    if (cell === null) continue
    const value = numberOfCell(cell)
    if (value === undefined) throw notANumber(name, cellName(range, argument, position), cell)
    values.push(value)
    positions.push(position)
  }
  return { values, positions }
}

/** Pairs of numbers from two ranges and the position of each pair. */
export interface RangePairs {
  readonly first: number[]
  readonly second: number[]
  readonly positions: number[]
}

/**
 * Pairs of numbers from two ranges of the same size; positions where either cell is blank
 * are skipped (a period without an actual or a forecast is not scored).
 */
export function pairsOf(
  first: SheetRange,
  second: SheetRange,
  name: string,
  names: readonly [string, string],
): RangePairs {
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
  const positions: number[] = []
  for (let position = 0; position < a.length; position++) {
    const x = a[position] as SheetCell
    const y = b[position] as SheetCell
    if (x === null || y === null) continue
    const u = numberOfCell(x)
    if (u === undefined) throw notANumber(name, cellName(first, names[0], position), x)
    const v = numberOfCell(y)
    if (v === undefined) throw notANumber(name, cellName(second, names[1], position), y)
    left.push(u)
    right.push(v)
    positions.push(position)
  }
  return { first: left, second: right, positions }
}

/**
 * One scalar argument as a finite number (numeric text read as a number); blank or omitted
 * gives `fallback` (or `#VALUE!` without one).
 */
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
  const number = numberOfCell(value)
  if (number === undefined)
    throw new SheetFunctionError(
      'VALUE',
      `${name}: ${argument} is ${describeCell(value)}; expected a number`,
    )
  return number
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

const LONGEST_SHOWN_TEXT = 40

/** A cell for a message; long text is shortened. */
export function describeCell(cell: SheetCell): string {
  if (typeof cell === 'string') {
    const shown =
      cell.length <= LONGEST_SHOWN_TEXT
        ? JSON.stringify(cell)
        : `${JSON.stringify(cell.slice(0, LONGEST_SHOWN_TEXT))}… (${cell.length} characters)`
    return `the text ${shown}`
  }
  if (typeof cell === 'boolean') return `the logical value ${cell ? 'TRUE' : 'FALSE'}`
  if (cell !== null && typeof cell === 'object') return `the error ${cell.sheetError}`
  if (cell === null) return 'blank'
  return Object.is(cell, -0) ? '0' : String(cell)
}

/**
 * Runs a core function and turns its `MetricInputError` into a spreadsheet error in sheet
 * words: `locate` maps the error's path to the cell it is about (e.g. `A4` and its value),
 * so the message reads `NPS: A4 is 11; scores must be integers from 0 to 10`.
 */
export function callCore<T>(
  name: string,
  run: () => T,
  locate?: (path: MetricInputPath) => { where: string; cell: SheetCell } | undefined,
): T {
  try {
    return run()
  } catch (error) {
    if (!(error instanceof MetricInputError)) throw error
    const prefix = `${error.metric}: `
    const detail = error.message.startsWith(prefix)
      ? error.message.slice(prefix.length)
      : error.message
    const place = locate === undefined || error.path === undefined ? undefined : locate(error.path)
    if (place !== undefined) {
      const separator = detail.indexOf('; ')
      const reason = separator < 0 ? detail : detail.slice(separator + 2)
      throw new SheetFunctionError(
        sheetCodeOf(error),
        `${name}: ${place.where} is ${describeCell(place.cell)}; ${reason}`,
      )
    }
    throw new SheetFunctionError(sheetCodeOf(error), `${name}: ${detail}`)
  }
}

/** The first number in a core error's path (the index into the array the core was given). */
export function indexInPath(path: MetricInputPath, after?: string): number | undefined {
  const start = after === undefined ? 0 : path.indexOf(after) + 1
  if (after !== undefined && start === 0) return undefined
  const part = path[start]
  return typeof part === 'number' ? part : undefined
}

/**
 * A result a cell can hold: a finite number, `-0` written as 0, and `#NUM!` for anything
 * not finite (a sheet must never show Infinity or NaN).
 */
export function cellResult(result: SheetResult, name: string): SheetResult {
  if (typeof result === 'number') return finiteCell(result, name)
  return result.map((row) => row.map((cell) => (cell === null ? null : finiteCell(cell, name))))
}

function finiteCell(value: number, name: string): number {
  if (!Number.isFinite(value))
    throw new SheetFunctionError('NUM', `${name}: the result is ${value}, not a finite number`)
  return value === 0 ? 0 : value
}

/** Milliseconds of the day serial origin 1899-12-30 (Excel's 1900 system from 1900-03-01, and Sheets). */
export const SERIAL_EPOCH = Date.UTC(1899, 11, 30)
