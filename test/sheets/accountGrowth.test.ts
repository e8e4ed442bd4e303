import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import type { DetailedCellError } from 'hyperformula'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildKpiSheet } from '../../src/sheets/hyperformula.js'
import { buildOnce } from './buildOutput.js'
import { call as callSheet, col, expectSheetError } from './sheetCalls.js'

const call = (...args: unknown[]) => callSheet('ACCOUNT_GROWTH', ...args)

// Accounts (January → June): a 100 → 150 (+0.5, expanded), b 200 → 100 (−0.5, contracted),
// c 50 → 0 (−1, churned), d 0 → 40 (new, not in the start cohort). Start cohort a, b, c:
// share expanding 1/3; median of (0.5, −0.5, −1) = −0.5; NRR = (150 + 100 + 0) / (100 + 200 +
// 50) = 250 / 350.
const ACCOUNTS = col('a', 'a', 'b', 'b', 'c', 'd')
const AMOUNTS = col(100, 150, 200, 100, 50, 40)

describe('ACCOUNT_GROWTH', () => {
  it('gives share expanding, median growth and NRR over the window (worked by hand)', () => {
    const months = col('2026-01', '2026-06', '2026-01', '2026-06', '2026-01', '2026-06')
    const [row] = call(ACCOUNTS, months, AMOUNTS, '2026-01', '2026-06') as number[][]
    expect(row?.[0]).toBeCloseTo(1 / 3, 15)
    expect(row?.[1]).toBe(-0.5)
    expect(row?.[2]).toBeCloseTo(250 / 350, 15)
  })

  it('reads dates in the month as the month, adds rows of one account and month, skips blank rows', () => {
    // 2026-01-15 = 46037, 2026-06-01 = 46174 (1900 serials). a's January is 60 + 40 = 100.
    const [row] = call(
      col('a', 'a', 'a', null, 'b', 'b'),
      col(46037, '2026-01', 46174, null, 46037, 46174),
      col(60, 40, 150, null, 200, 100),
      '2026-01',
      '2026-06',
    ) as number[][]
    // a +0.5 (expanded), b −0.5: share 1/2, median of (0.5, −0.5) = 0, NRR 250 / 300.
    expect(row?.[0]).toBe(0.5)
    expect(row?.[1]).toBe(0)
    expect(row?.[2]).toBeCloseTo(250 / 300, 15)
  })

  it('leaves undefined figures blank and names the cell of a bad row', () => {
    // Only a new account: nobody in the start cohort, so all three figures are undefined.
    expect(call(col('d'), col('2026-06'), col(40), '2026-01', '2026-06')).toEqual([
      [null, null, null],
    ])
    expectSheetError(
      () => call(col('a', 'b'), col('2026-01', '2026-06'), col(100, -5), '2026-01', '2026-06'),
      'NUM',
      /^ACCOUNT_GROWTH: row 2 of amounts is -5/,
    )
    expectSheetError(
      () => call(col('a', null), col('2026-01', '2026-06'), col(100, 5), '2026-01', '2026-06'),
      'VALUE',
      /row 2 of accounts is blank/,
    )
    expectSheetError(
      () => call(col('a'), col('soon'), col(100), '2026-01', '2026-06'),
      'VALUE',
      /row 1 of months is .*soon.*not a date/,
    )
    expectSheetError(
      () => call(col('a'), col('2026-01'), col(100, 5), '2026-01', '2026-06'),
      'VALUE',
      /same size/,
    )
    expectSheetError(
      () => call(col('a'), col('2026-01'), col(100), 'January', '2026-06'),
      'VALUE',
      /from/,
    )
  })

  it('spills a row in a real HyperFormula sheet; NRR equals a SUMIFS ratio', () => {
    const hf = buildKpiSheet([
      ['a', '2026-01', 100, '=ACCOUNT_GROWTH(A1:A6,B1:B6,C1:C6,"2026-01","2026-06")'],
      ['a', '2026-06', 150],
      [
        'b',
        '2026-01',
        200,
        '=SUMIFS(C1:C6,B1:B6,"2026-06",A1:A6,"<>d")/SUMIFS(C1:C6,B1:B6,"2026-01")',
      ],
      ['b', '2026-06', 100],
      ['c', '2026-01', 50],
      ['d', '2026-06', 40, '=ACCOUNT_GROWTH(A1:A6,B1:B6,C1:C6,"2026-06","2026-01")'],
      [null, null, null, '=ACCOUNT_GROWTH(A1:A6,B1:B6,C1:C6,DATE(2026,1,1),DATE(2026,6,30))'],
    ])
    const at = (row: number, column: number) => hf.getCellValue({ sheet: 0, row, col: column })
    // HyperFormula rounds cell values to its precision (about 11 significant digits).
    expect(at(0, 3)).toBeCloseTo(1 / 3, 10)
    expect(at(0, 4)).toBe(-0.5)
    expect(at(0, 5)).toBeCloseTo(250 / 350, 10)
    expect(at(0, 5)).toBeCloseTo(at(2, 3) as number, 10)
    expect((at(5, 3) as DetailedCellError).value).toBe('#VALUE!')
    // The window as date cells: the same row as with "2026-01" / "2026-06".
    expect(at(6, 5)).toBeCloseTo(250 / 350, 10)
    expect(at(6, 4)).toBe(-0.5)
  })

  describe('in the Apps Script file', () => {
    let context: vm.Context
    beforeAll(async () => {
      const files = await buildOnce()
      context = vm.createContext({ console })
      vm.runInContext(readFileSync(files.appsScript, 'utf8'), context)
    }, 60_000)

    it('runs with Sheets values: "" blanks and Dates in the month', () => {
      const run = (code: string) => vm.runInContext(code, context)
      // a 100 → 150 only: share 1, median 0.5, NRR 1.5.
      expect(
        run(
          'ACCOUNT_GROWTH([["a"], ["a"], [""]], [[new Date(2026, 0, 15)], ["2026-06"], [""]], [[100], [150], [""]], "2026-01", new Date(2026, 5, 1))',
        ),
      ).toEqual([[1, 0.5, 1.5]])
    })
  })
})
