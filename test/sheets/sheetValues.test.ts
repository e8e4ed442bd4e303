import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import {
  callCore,
  cellName,
  cellResult,
  flatten,
  numberArgument,
  numberOfCell,
  numbersOf,
  pairsOf,
  SheetFunctionError,
  textArgument,
  toSheetError,
} from '../../src/sheets/sheetValues.js'
import { runWithHangGuard } from '../hangGuard.js'

describe('sheetValues', () => {
  it('maps errors to spreadsheet codes', () => {
    expect(toSheetError(new SheetFunctionError('DIV0', 'x'))).toEqual({
      code: 'DIV0',
      message: 'x',
    })
    expect(
      toSheetError(
        new MetricInputError({ code: 'SCORE_OUT_OF_RANGE', metric: 'm', message: 'm: bad' }),
      ).code,
    ).toBe('NUM')
    expect(
      toSheetError(
        new MetricInputError({ code: 'LENGTH_MISMATCH', metric: 'm', message: 'm: bad' }),
      ).code,
    ).toBe('VALUE')
    expect(toSheetError('boom')).toEqual({ code: 'VALUE', message: 'boom' })
  })

  it('reads ranges, pairs and scalar arguments, naming cells by their place in the range', () => {
    expect(flatten({ cells: [[5]] })).toEqual([5])
    expect(numbersOf({ cells: [[1, null]] }, 'F', 'a')).toEqual({ values: [1], positions: [0] })
    expect(() => numbersOf({ cells: [[true]] }, 'F', 'a')).toThrow(
      'F: row 1 of a is the logical value TRUE',
    )
    expect(() => numbersOf({ cells: [[null], [{ sheetError: '#N/A' }]] }, 'F', 'a')).toThrow(
      'F: row 2 of a is the error #N/A',
    )
    expect(
      pairsOf({ cells: [[1], [null], [3]] }, { cells: [[2], [5], [null]] }, 'F', ['a', 'b']),
    ).toEqual({
      first: [1],
      second: [2],
      positions: [0],
    })
    expect(() => pairsOf({ cells: [[1]] }, { cells: [['x']] }, 'F', ['a', 'b'])).toThrow(
      'row 1 of b',
    )
    expect(numberArgument(undefined, 'F', 'x', 3)).toBe(3)
    expect(numberArgument('12.5', 'F', 'x')).toBe(12.5)
    expect(() => numberArgument('x', 'F', 'x')).toThrow(SheetFunctionError)
    expect(textArgument(null, 'F', 'x', 'd')).toBe('d')
  })

  it('writes A1 names from the origin the host gave: column Z, AA and AZ, BA', () => {
    const range = {
      cells: [
        [1, 2],
        [3, 4],
      ],
      origin: { row: 9, column: 25 },
    }
    expect(cellName(range, 'a', 0)).toBe('Z10')
    expect(cellName(range, 'a', 1)).toBe('AA10')
    expect(cellName(range, 'a', 3)).toBe('AA11')
    expect(cellName({ cells: [[1]], origin: { row: 0, column: 51 } }, 'a', 0)).toBe('AZ1')
    expect(cellName({ cells: [[1]], origin: { row: 0, column: 52 } }, 'a', 0)).toBe('BA1')
  })

  it('reads numeric text as a number, and nothing else', () => {
    expect(numberOfCell('9')).toBe(9)
    expect(numberOfCell('-1.5')).toBe(-1.5)
    expect(numberOfCell('.5')).toBe(0.5)
    expect(numberOfCell('2e3')).toBe(2000)
    for (const cell of ['0x10', '', ' ', ' 12 ', '1e400', 'Infinity', 'NaN', '1,5', true, null]) {
      expect(numberOfCell(cell)).toBeUndefined()
    }
    expect(numberOfCell(Number.POSITIVE_INFINITY)).toBeUndefined()
    // A long run of digits followed by a letter is refused without backtracking (a
    // backtracking pattern is quadratic on it): the hang guard is the regression check.
    // Measured: < 1 ms (notes/timing.md, BENCHMARKS).
    expect(
      runWithHangGuard(
        () => numberOfCell(`${'1'.repeat(100_000)}x`),
        'numberOfCell on 100,001 characters',
      ),
    ).toBeUndefined()
    expect(numberOfCell(`${'1'.repeat(399)}x`)).toBeUndefined()
  })

  it('turns core errors into sheet errors without the core function name', () => {
    const error = new MetricInputError({
      code: 'NEGATIVE_VALUE',
      metric: 'core',
      path: ['x'],
      message: 'core: x is -1; x must be ≥ 0',
    })
    const fail = () => {
      throw error
    }
    expect(() => callCore('F', fail)).toThrow('F: x is -1; x must be ≥ 0')
    expect(() => callCore('F', fail, () => ({ where: 'B2', cell: -1 }))).toThrow(
      'F: B2 is -1; x must be ≥ 0',
    )
    expect(() => callCore('F', fail, () => undefined)).toThrow('F: x is -1')
  })

  it('keeps Infinity, NaN and -0 out of cells', () => {
    expect(Object.is(cellResult(-0, 'F'), 0)).toBe(true)
    expect(cellResult([[-0, null]], 'F')).toEqual([[0, null]])
    expect(() => cellResult(Number.NaN, 'F')).toThrow(SheetFunctionError)
    expect(() => cellResult([[1, Number.NEGATIVE_INFINITY]], 'F')).toThrow('not a finite number')
  })
})
