import { runSheetFunction } from './hostAdapter.js'
import { SHEET_FUNCTIONS } from './registry.js'
import { SERIAL_EPOCH, SHEET_ERROR_TEXT, type SheetCell } from './sheetValues.js'

/**
 * The Google Sheets host: Apps Script passes ranges as 2-D arrays, blanks as `''`, dates as
 * `Date` objects at local midnight of the script's zone (set `appsscript.json` `timeZone`
 * to the spreadsheet's), and can only show a thrown error: the message starts with the
 * spreadsheet code so `#DIV/0! …` reads like a native error. Holes in a returned block are
 * `''`. Bundled as a plain script by `scripts/build-sheets.ts`.
 */
export function toSheetsCell(value: unknown): SheetCell {
  if (value === '' || value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date
    const wall = Date.UTC(
      date.getFullYear(),
      date.getMonth(),
      date.getDate(),
      date.getHours(),
      date.getMinutes(),
      date.getSeconds(),
    )
    return (wall - SERIAL_EPOCH) / 86_400_000
  }
  return String(value)
}

/** Every KPI as an Apps Script function of raw arguments. */
export const functions: Record<string, (...args: unknown[]) => number | (number | string)[][]> =
  Object.fromEntries(
    SHEET_FUNCTIONS.map((fn) => [
      fn.name,
      (...args: unknown[]) => {
        const outcome = runSheetFunction(fn, args, toSheetsCell)
        if (!outcome.ok)
          throw new Error(`${SHEET_ERROR_TEXT[outcome.error.code]} ${outcome.error.message}`)
        const value = outcome.value
        return typeof value === 'number'
          ? value
          : value.map((row) => row.map((cell) => (cell === null ? '' : cell)))
      },
    ]),
  )
