import { EmptyValue } from 'hyperformula'
import { describe, expect, it } from 'vitest'
import {
  buildKpiSheet,
  originOfArgument,
  toHyperFormulaCell,
} from '../../src/sheets/hyperformula.js'

const value = (hf: ReturnType<typeof buildKpiSheet>, row: number, col: number) =>
  hf.getCellValue({ sheet: 0, row, col })

describe('HyperFormula host branches', () => {
  it('reads empty values, null, undefined and "" as blank cells', () => {
    expect(toHyperFormulaCell(EmptyValue)).toBeNull()
    expect(toHyperFormulaCell(null)).toBeNull()
    expect(toHyperFormulaCell(undefined)).toBeNull()
    expect(toHyperFormulaCell('')).toBeNull()
    // Control: a number is kept.
    expect(toHyperFormulaCell(0)).toBe(0)
  })

  it('originOfArgument knows no origin without the formula address or an AST object', () => {
    expect(originOfArgument({ type: 'CELL_RANGE' }, undefined)).toBeUndefined()
    expect(originOfArgument(null, { sheet: 0, row: 0, col: 0 })).toBeUndefined()
    expect(originOfArgument('A1', { sheet: 0, row: 0, col: 0 })).toBeUndefined()
  })

  it('spills NPS_BREAKDOWN as a row of four', () => {
    // Scores 10, 9, 7, 3: promoters 2/4, passives 1/4, detractors 1/4, 4 responses.
    const hf = buildKpiSheet([[10, '=NPS_BREAKDOWN(A1:A4)'], [9], [7], [3]])
    expect(value(hf, 0, 1)).toBe(0.5)
    expect(value(hf, 0, 2)).toBe(0.25)
    expect(value(hf, 0, 3)).toBe(0.25)
    expect(value(hf, 0, 4)).toBe(4)
  })

  it('leaves the blank row of a returned column empty', () => {
    const hf = buildKpiSheet([
      [3, 10, '=SHRUNK_RATE(A1:A3,B1:B3)'],
      [null, null],
      [5, 10],
    ])
    // The blank middle row stays blank (EmptyValue reads back as null); the others are rates.
    expect(value(hf, 1, 2)).toBeNull()
    for (const row of [0, 2]) {
      const rate = value(hf, row, 2) as number
      expect(typeof rate).toBe('number')
      expect(rate).toBeGreaterThanOrEqual(0)
      expect(rate).toBeLessThanOrEqual(1)
    }
  })
})
