import { runSheetFunction } from './hostAdapter.js'
import { SHEET_FUNCTIONS } from './registry.js'
import type { SheetCell, SheetRangeOrigin } from './sheetValues.js'

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

/**
 * The top-left cell of an Excel address such as `Sheet1!$B$2:$B$9` (what
 * `invocation.parameterAddresses` holds when the runtime provides it), 0-based.
 */
export function originOfAddress(address: unknown): SheetRangeOrigin | undefined {
  if (typeof address !== 'string' || address.length > 300) return undefined
  const local = address.slice(address.lastIndexOf('!') + 1)
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::|$)/.exec(local)
  if (match === null) return undefined
  let column = 0
  for (const letter of (match[1] as string).toUpperCase())
    column = column * 26 + letter.charCodeAt(0) - 64
  return { row: Number(match[2]) - 1, column: column - 1 }
}

/** Registers every KPI with the runtime under its registry name (the namespace comes from the manifest). */
export function registerExcelFunctions(runtime: CustomFunctionsRuntime): void {
  for (const fn of SHEET_FUNCTIONS) {
    runtime.associate(fn.name, (...args: unknown[]) => {
      const invocation = args[fn.parameters.length] as { parameterAddresses?: unknown } | undefined
      const addresses =
        typeof invocation === 'object' &&
        invocation !== null &&
        Array.isArray(invocation.parameterAddresses)
          ? (invocation.parameterAddresses as unknown[])
          : []
      const outcome = runSheetFunction(
        fn,
        args.slice(0, fn.parameters.length),
        toExcelCell,
        addresses.map(originOfAddress),
      )
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
