import { SHEET_FUNCTIONS, type SheetArgument, type SheetFunction } from './registry.js'
import {
  type SheetCell,
  type SheetError,
  type SheetRangeOrigin,
  type SheetResult,
  toSheetError,
} from './sheetValues.js'

/**
 * The bridge every host file uses: convert the host's raw arguments to neutral cells, call
 * the registry function, and hand back either the result or a spreadsheet error for the
 * host to express. Internal.
 */
export type HostOutcome =
  | { readonly ok: true; readonly value: SheetResult }
  | { readonly ok: false; readonly error: SheetError }

/** A raw range (2-D, 1-D or a single value) as rows of neutral cells. */
function rowsOf(value: unknown, toCell: (value: unknown) => SheetCell): SheetCell[][] {
  if (!Array.isArray(value)) return [[toCell(value)]]
  return value.map((row: unknown) => (Array.isArray(row) ? row.map(toCell) : [toCell(row)]))
}

/**
 * Runs `fn` on raw host arguments converted cell by cell with `toCell`. A range parameter
 * gets a range (a single value becomes a 1×1 range; an omitted required range a blank
 * cell), a single-value parameter gets a cell (a 1×1 range is read as its cell).
 * `origins[i]`, when the host knows it, is where argument i's range starts in the sheet.
 */
export function runSheetFunction(
  fn: SheetFunction,
  raw: readonly unknown[],
  toCell: (value: unknown) => SheetCell,
  origins: readonly (SheetRangeOrigin | undefined)[] = [],
): HostOutcome {
  try {
    const args: SheetArgument[] = fn.parameters.map((parameter, index): SheetArgument => {
      const value = raw[index]
      if (parameter.kind === 'range') {
        if (value === undefined || value === null)
          return parameter.optional ? undefined : { cells: [[null]] }
        const origin = origins[index]
        return { cells: rowsOf(value, toCell), ...(origin === undefined ? {} : { origin }) }
      }
      if (value === undefined || value === null) return undefined
      if (!Array.isArray(value)) return toCell(value)
      const rows = rowsOf(value, toCell)
      if (rows.length === 1 && rows[0]?.length === 1) return rows[0][0] as SheetCell
      return { cells: rows }
    })
    return { ok: true, value: fn.compute(args) }
  } catch (error) {
    return { ok: false, error: toSheetError(error) }
  }
}

/** The registry entry of a name. */
export function sheetFunction(name: string): SheetFunction {
  const found = SHEET_FUNCTIONS.find((fn) => fn.name === name)
  if (found === undefined) throw new Error(`unknown spreadsheet function ${name}`)
  return found
}
