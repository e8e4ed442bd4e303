import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import {
  flatten,
  numberArgument,
  numbersOf,
  pairsOf,
  SheetFunctionError,
  textArgument,
  toSheetError,
} from '../../src/sheets/sheetValues.js'

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

  it('reads ranges, pairs and scalar arguments', () => {
    expect(flatten(5)).toEqual([5])
    expect(
      numbersOf(
        [
          [1, null],
          [true as never, 2],
        ].slice(0, 1),
        'F',
        'a',
      ),
    ).toEqual([1])
    expect(() => numbersOf([[true]], 'F', 'a')).toThrow('the logical value TRUE')
    expect(() => numbersOf([[{ sheetError: '#N/A' }]], 'F', 'a')).toThrow('the error #N/A')
    expect(pairsOf([[1], [null], [3]], [[2], [5], [null]], 'F', ['a', 'b'])).toEqual([[1], [2]])
    expect(() => pairsOf([[1]], [['x']], 'F', ['a', 'b'])).toThrow('cell 1 of b')
    expect(numberArgument(undefined, 'F', 'x', 3)).toBe(3)
    expect(() => numberArgument('x', 'F', 'x')).toThrow(SheetFunctionError)
    expect(textArgument(null, 'F', 'x', 'd')).toBe('d')
  })
})
