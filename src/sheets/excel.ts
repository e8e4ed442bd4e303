import { runSheetFunction } from './hostAdapter.js'
import { SHEET_FUNCTIONS } from './registry.js'
import type { SheetCell } from './sheetValues.js'

/** The part of the Excel custom-functions runtime this file uses. */
interface CustomFunctionsRuntime {
  readonly ErrorCode: Readonly<
    Record<'invalidValue' | 'divisionByZero' | 'invalidNumber' | 'notAvailable', string>
  >
  readonly Error: new (code: string, message?: string) => unknown
  associate(id: string, fn: (...args: unknown[]) => unknown): void
}

/**
 * The Excel host: ranges arrive as 2-D arrays, dates as serials (1900 system), blanks as
 * `null` (Excel on the web) or `0` (desktop — indistinguishable from a real 0, so pass exact
 * ranges), omitted optional arguments as `null`, and an `invocation` object last. Errors
 * are `CustomFunctions.Error`s; only `#VALUE!` and `#N/A` may carry a message. Holes in a
 * returned block are `''` (Excel shows `null` as 0).
 */
export function toExcelCell(value: unknown): SheetCell {
  if (value === '' || value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value
  return String(value)
}

/** Registers every KPI with the runtime under its registry name (the namespace comes from the manifest). */
export function registerExcelFunctions(runtime: CustomFunctionsRuntime): void {
  for (const fn of SHEET_FUNCTIONS) {
    runtime.associate(fn.name, (...args: unknown[]) => {
      const outcome = runSheetFunction(fn, args.slice(0, fn.parameters.length), toExcelCell)
      if (!outcome.ok) {
        const { code, message } = outcome.error
        const errorCode =
          code === 'DIV0'
            ? runtime.ErrorCode.divisionByZero
            : code === 'NUM'
              ? runtime.ErrorCode.invalidNumber
              : code === 'NA'
                ? runtime.ErrorCode.notAvailable
                : runtime.ErrorCode.invalidValue
        throw code === 'VALUE' || code === 'NA'
          ? new runtime.Error(errorCode, message)
          : new runtime.Error(errorCode)
      }
      const value = outcome.value
      return typeof value === 'number'
        ? value
        : value.map((row) => row.map((cell) => (cell === null ? '' : cell)))
    })
  }
}
