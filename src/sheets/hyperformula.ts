import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula'
import { runSheetFunction } from './hostAdapter.js'
import { SHEET_FUNCTIONS, type SheetFunction } from './registry.js'
import type { SheetCell, SheetErrorCode, SheetRangeOrigin } from './sheetValues.js'

/**
 * The HyperFormula host, for tests and offline checks: a function plugin generated from the
 * registry. HyperFormula is GPL-3.0 (or commercial), so it is a devDependency and this file
 * is in no entry point and never in the published package. Cells arrive unwrapped from
 * HyperFormula's values: blanks are `EmptyValue`, dates, percents and currencies are
 * objects with `.val` (dates as serials from 1899-12-30), error cells `CellError`s.
 * Undefined results and refusals become `CellError`s (`#DIV/0!`, `#VALUE!`, `#NUM!`).
 */
export function toHyperFormulaCell(value: unknown): SheetCell {
  if (value === EmptyValue || value === null || value === undefined || value === '') return null
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value
  if (value instanceof CellError) return { sheetError: `#${value.type}` }
  if (
    typeof value === 'object' &&
    'val' in value &&
    typeof (value as { val: unknown }).val === 'number'
  ) {
    return (value as { val: number }).val
  }
  return String(value)
}

const ERROR_TYPES: Readonly<Record<SheetErrorCode, ErrorType>> = {
  DIV0: ErrorType.DIV_BY_ZERO,
  VALUE: ErrorType.VALUE,
  NUM: ErrorType.NUM,
  NA: ErrorType.NA,
}

/** The number of cells of a range argument, from the formula alone (HyperFormula sizes spills before evaluating). */
function cellsOfArgument(argument: unknown): number {
  const ast = argument as {
    type?: string
    start?: { row: number; col: number }
    end?: { row: number; col: number }
  }
  if (ast.type === 'CELL_RANGE' && ast.start !== undefined && ast.end !== undefined) {
    return (Math.abs(ast.end.row - ast.start.row) + 1) * (Math.abs(ast.end.col - ast.start.col) + 1)
  }
  return 1
}

/** A formula's cell address as HyperFormula's AST holds it (relative to the formula). */
interface AstAddress {
  toSimpleCellAddress(base: { sheet: number; row: number; col: number }): {
    row: number
    col: number
  }
}

/** Where a range (or single-cell) argument starts in the sheet, read from the formula's AST. */
export function originOfArgument(
  argument: unknown,
  formulaAddress: { sheet: number; row: number; col: number } | undefined,
): SheetRangeOrigin | undefined {
  if (formulaAddress === undefined || typeof argument !== 'object' || argument === null)
    return undefined
  const ast = argument as {
    type?: string
    start?: AstAddress
    end?: AstAddress
    reference?: AstAddress
  }
  const corners =
    ast.type === 'CELL_RANGE' && ast.start !== undefined && ast.end !== undefined
      ? [ast.start, ast.end]
      : ast.type === 'CELL_REFERENCE' && ast.reference !== undefined
        ? [ast.reference]
        : []
  if (corners.length === 0) return undefined
  const cells = corners.map((corner) => corner.toSimpleCellAddress(formulaAddress))
  return {
    row: Math.min(...cells.map((cell) => cell.row)),
    column: Math.min(...cells.map((cell) => cell.col)),
  }
}

/** The spill size of a function call: rows of 3 or 4, or a column as tall as its input. */
function resultSize(fn: SheetFunction, args: readonly unknown[]): ArraySize {
  if (fn.result === 'scalar') return ArraySize.scalar()
  if (fn.result === 'row') return new ArraySize(fn.name === 'NPS_BREAKDOWN' ? 4 : 3, 1)
  const cells = cellsOfArgument(args[0])
  return new ArraySize(1, Math.max(1, fn.name === 'STAGE_CONVERSION' ? cells - 1 : cells))
}

/** The plugin class and its translations, ready for `HyperFormula.registerFunctionPlugin`. */
export function createHyperFormulaPlugin(): {
  plugin: typeof FunctionPlugin
  translations: Record<string, Record<string, string>>
} {
  const implemented: Record<string, unknown> = {}
  // HyperFormula's plugin API requires a class; this file is a test host, not part of the package.
  class CxMetricsPlugin extends FunctionPlugin {}
  const prototype = CxMetricsPlugin.prototype as unknown as Record<string, unknown>
  for (const fn of SHEET_FUNCTIONS) {
    const method = `cx_${fn.name}`
    implemented[fn.name] = {
      method,
      parameters: fn.parameters.map((parameter) => ({
        argumentType:
          parameter.kind === 'range'
            ? FunctionArgumentType.RANGE
            : parameter.kind === 'text'
              ? FunctionArgumentType.STRING
              : parameter.kind === 'time'
                ? FunctionArgumentType.SCALAR
                : FunctionArgumentType.NUMBER,
        ...(parameter.optional ? { optionalArg: true } : {}),
      })),
      ...(fn.result === 'scalar'
        ? {}
        : { sizeOfResultArrayMethod: `${method}_size`, vectorizationForbidden: true }),
    }
    prototype[method] = function (this: FunctionPlugin, ast: { args: unknown[] }, state: unknown) {
      const self = this as unknown as {
        runFunction: (
          args: unknown[],
          state: unknown,
          metadata: unknown,
          body: (...values: unknown[]) => unknown,
        ) => unknown
        metadata: (name: string) => unknown
      }
      return self.runFunction(ast.args, state, self.metadata(fn.name), (...values: unknown[]) => {
        const raw = values.map((value) =>
          value instanceof SimpleRangeValue ? value.rawData() : value,
        )
        const formulaAddress = (
          state as { formulaAddress?: { sheet: number; row: number; col: number } }
        ).formulaAddress
        const origins = ast.args.map((argument) => originOfArgument(argument, formulaAddress))
        const outcome = runSheetFunction(fn, raw, toHyperFormulaCell, origins)
        if (!outcome.ok)
          return new CellError(ERROR_TYPES[outcome.error.code], outcome.error.message)
        const result = outcome.value
        if (typeof result === 'number') return result
        return SimpleRangeValue.onlyValues(
          result.map((row) => row.map((cell) => (cell === null ? EmptyValue : cell))),
        )
      })
    }
    prototype[`${method}_size`] = (ast: { args: unknown[] }) => resultSize(fn, ast.args)
  }
  ;(CxMetricsPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions =
    implemented
  const names = Object.fromEntries(SHEET_FUNCTIONS.map((fn) => [fn.name, fn.name]))
  return { plugin: CxMetricsPlugin, translations: { enGB: names, enUS: names } }
}

/** A HyperFormula sheet with the KPI functions registered (GPL licence key, for tests). */
export function buildKpiSheet(rows: unknown[][]): HyperFormula {
  const { plugin, translations } = createHyperFormulaPlugin()
  if (!HyperFormula.getRegisteredFunctionNames('enGB').includes('NPS')) {
    HyperFormula.registerFunctionPlugin(plugin as never, translations)
  }
  return HyperFormula.buildFromArray(rows as never, {
    licenseKey: 'gpl-v3',
    useArrayArithmetic: true,
  })
}
