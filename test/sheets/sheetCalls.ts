import { expect } from 'vitest'
import { runSheetFunction, sheetFunction } from '../../src/sheets/hostAdapter.js'
import {
  type SheetCell,
  type SheetErrorCode,
  SheetFunctionError,
  type SheetRangeOrigin,
} from '../../src/sheets/sheetValues.js'

/** Calls a registry function the way every host does (through the host adapter), cells as given. */
export function call(name: string, ...args: unknown[]) {
  const outcome = runSheetFunction(sheetFunction(name), args, (value) => value as SheetCell)
  if (!outcome.ok) throw new SheetFunctionError(outcome.error.code, outcome.error.message)
  return outcome.value
}
/** The same, with the host telling where each range starts (as HyperFormula does). */
export function callAt(
  name: string,
  origins: (SheetRangeOrigin | undefined)[],
  ...args: unknown[]
) {
  const outcome = runSheetFunction(
    sheetFunction(name),
    args,
    (value) => value as SheetCell,
    origins,
  )
  if (!outcome.ok) throw new SheetFunctionError(outcome.error.code, outcome.error.message)
  return outcome.value
}
export const col = (...values: unknown[]) => values.map((value) => [value])

/** Expects a spreadsheet error with this code (and message). */
export function expectSheetError(
  action: () => unknown,
  code: SheetErrorCode,
  message?: RegExp | string,
) {
  let caught: unknown
  try {
    action()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(SheetFunctionError)
  expect((caught as SheetFunctionError).code).toBe(code)
  if (message !== undefined) expect((caught as SheetFunctionError).message).toMatch(message)
}
