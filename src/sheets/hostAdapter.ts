import { SHEET_FUNCTIONS, type SheetFunction } from './registry.js'
import { type SheetCell, type SheetError, type SheetResult, toSheetError } from './sheetValues.js'

/**
 * The bridge every host file uses: convert the host's raw arguments to neutral cells, call
 * the registry function, and hand back either the result or a spreadsheet error for the
 * host to express. Internal.
 */
export type HostOutcome =
  | { readonly ok: true; readonly value: SheetResult }
  | { readonly ok: false; readonly error: SheetError }

/** Runs `fn` on raw host arguments converted cell by cell with `toCell`. */
export function runSheetFunction(
  fn: SheetFunction,
  raw: readonly unknown[],
  toCell: (value: unknown) => SheetCell,
): HostOutcome {
  try {
    const args = fn.parameters.map((parameter, index) => {
      const value = raw[index]
      if (value === undefined || value === null)
        return parameter.kind === 'range' && !parameter.optional ? [[null]] : undefined
      if (Array.isArray(value))
        return value.map((row: unknown) => (Array.isArray(row) ? row.map(toCell) : [toCell(row)]))
      return parameter.kind === 'range' ? [[toCell(value)]] : toCell(value)
    })
    return { ok: true, value: fn.compute(...args) }
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
