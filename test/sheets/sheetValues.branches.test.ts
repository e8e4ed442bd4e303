import { describe, expect, it } from 'vitest'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import {
  callCore,
  cellName,
  describeCell,
  indexInPath,
  SheetFunctionError,
  toSheetError,
} from '../../src/sheets/sheetValues.js'

describe('sheetValues branches', () => {
  it('toSheetError reads a plain Error as #VALUE! with its own message', () => {
    // Neither SheetFunctionError nor MetricInputError: the fallback code is VALUE and the
    // message is the Error's message (not String(error), which would prefix "Error: ").
    expect(toSheetError(new Error('boom'))).toEqual({ code: 'VALUE', message: 'boom' })
    expect(toSheetError('plain text')).toEqual({ code: 'VALUE', message: 'plain text' })
  })

  it('describeCell shortens text longer than 40 characters', () => {
    const long = 'a'.repeat(45)
    // The first 40 characters, quoted, then an ellipsis and the full length.
    expect(describeCell(long)).toBe(`the text "${'a'.repeat(40)}"… (45 characters)`)
    // Exactly 40 characters is shown whole.
    expect(describeCell('b'.repeat(40))).toBe(`the text "${'b'.repeat(40)}"`)
  })

  it('callCore rethrows anything that is not a MetricInputError unchanged', () => {
    const thrown = new TypeError('not a metric error')
    let caught: unknown
    try {
      callCore('F', () => {
        throw thrown
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBe(thrown)
  })

  it('callCore keeps a core message that lacks the "metric: " prefix whole', () => {
    let caught: unknown
    try {
      callCore('SHEETFN', () => {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric: 'coreMetric',
          message: 'something overflowed',
        })
      })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(SheetFunctionError)
    // VALUE_OUT_OF_RANGE is a numeric code → #NUM!; the whole message follows the sheet name.
    expect((caught as SheetFunctionError).code).toBe('NUM')
    expect((caught as SheetFunctionError).message).toBe('SHEETFN: something overflowed')
  })

  it('indexInPath finds the number after a field, or nothing when the field is absent', () => {
    expect(indexInPath(['actual', 3], 'actual')).toBe(3)
    // 'forecast' is not in the path: no index.
    expect(indexInPath(['actual', 3], 'forecast')).toBeUndefined()
    // Without a field the first part must be a number.
    expect(indexInPath([2, 'x'])).toBe(2)
    expect(indexInPath(['x', 2])).toBeUndefined()
  })

  it('describeCell writes -0 as 0, and names logical values and error cells', () => {
    expect(describeCell(-0)).toBe('0')
    expect(describeCell(2.5)).toBe('2.5')
    expect(describeCell(true)).toBe('the logical value TRUE')
    expect(describeCell({ sheetError: '#N/A' })).toBe('the error #N/A')
  })

  it('cellName reads a range with no rows as one column', () => {
    // No rows: the width counts as 1, so the name is the one-column form "row N of …".
    expect(cellName({ cells: [] }, 'scores', 0)).toBe('row 1 of scores')
    // Control: a one-row range of three names columns.
    expect(cellName({ cells: [[1, 2, 3]] }, 'scores', 2)).toBe('column 3 of scores')
  })
})
