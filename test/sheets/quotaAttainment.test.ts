import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import type { DetailedCellError } from 'hyperformula'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildKpiSheet } from '../../src/sheets/hyperformula.js'
import { buildOnce } from './buildOutput.js'
import { call as callSheet, col, expectSheetError } from './sheetCalls.js'

const call = (...args: unknown[]) => callSheet('QUOTA_ATTAINMENT', ...args)

// Day serials (1900 system, origin 1899-12-30): 2026-01-01 = 46023, 2026-03-31 = 46112,
// 2026-04-01 = 46113, 2026-02-10 = 46063; the 1904 system counts 1462 days fewer.
describe('QUOTA_ATTAINMENT', () => {
  it('gives booked / quota per quota row, blank for blank rows and zero quotas (worked by hand)', () => {
    // ana 70 + 50 = 120 of 100 = 1.2; ben 40 of 80 = 0.5; row 3 blank; cy has a zero quota.
    expect(
      call(
        col('ana', 'ben', null, 'cy'),
        col(100, '80', null, 0),
        col('ana', 'ben', 'ana', 'cy', null),
        col(70, 40, 50, 5, null),
      ),
    ).toEqual([[1.2], [0.5], [null], [null]])
    // Number owner ids (employee numbers) match as text.
    expect(call(col(1001), col(10), col(1001), col(4))).toEqual([[0.4]])
  })

  it('counts only bookings dated within the period, both ends inclusive, in either date system', () => {
    const owners = col('ana', 'ana', 'ana', 'ana')
    const amounts = col(1, 2, 4, 8)
    // Jan 1 (in), Mar 31 18:00 (in), Apr 1 (out), Dec 31 2025 (out): 3 of 10.
    const dates = col(46023, 46112.75, 46113, 46022)
    expect(call(col('ana'), col(10), owners, amounts, dates, 46023, 46112)).toEqual([[0.3]])
    const shifted = col(...[46023, 46112.75, 46113, 46022].map((serial) => serial - 1462))
    expect(
      call(col('ana'), col(10), owners, amounts, shifted, 46023 - 1462, 46112 - 1462, 1904),
    ).toEqual([[0.3]])
  })

  it('refuses what a sheet cannot mean, naming the cell', () => {
    expectSheetError(
      () => call(col('ana'), col(10), col('ana'), col(-5)),
      'NUM',
      /QUOTA_ATTAINMENT: row 1 of booking_amounts is -5/,
    )
    expectSheetError(
      () => call(col('ana'), col('ten'), col('ana'), col(5)),
      'VALUE',
      /row 1 of quotas is the text "ten"/,
    )
    expectSheetError(
      () => call(col(true), col(10), col('ana'), col(5)),
      'VALUE',
      /quota_owners is the logical value TRUE/,
    )
    expectSheetError(
      () => call(col('ana', 'ben'), col(10), col('ana'), col(5)),
      'VALUE',
      /quota_owners has 2 cells but quotas has 1; give ranges of the same size/,
    )
    expectSheetError(
      () => call(col('ana'), col(10), col('ana'), col(5), col(46030)),
      'VALUE',
      /together/,
    )
    expectSheetError(
      () => call(col('ana'), col(10), col('ana'), col(5), col(null), 46023, 46112),
      'VALUE',
      /booking_dates is blank/,
    )
    expectSheetError(() => call(col('ana'), col(10), col(null), col(5)), 'VALUE', /booking_owners/)
    // Two quotas for one owner over the same period would both claim a booking.
    expectSheetError(
      () => call(col('ana', 'ana'), col(10, 20), col('ana'), col(5)),
      'VALUE',
      /overlap/,
    )
    expectSheetError(
      () => call(col('ana'), col(10), col('ana'), col(5), undefined, undefined, undefined, 2000),
      'VALUE',
      /date_system/,
    )
  })

  it('spills a column in a real HyperFormula sheet, equal to SUMIF / quota', () => {
    const hf = buildKpiSheet([
      [
        'ana',
        100,
        'ana',
        70,
        '=QUOTA_ATTAINMENT(A1:A2,B1:B2,C1:C3,D1:D3)',
        '=SUMIF(C1:C3,A1,D1:D3)/B1',
      ],
      ['ben', 80, 'ben', 40, null, '=SUMIF(C1:C3,A2,D1:D3)/B2'],
      [null, null, 'ana', 50],
      ['ana', -1, 'ana', 1, '=QUOTA_ATTAINMENT(A4,B4,C4,D4)'],
    ])
    const at = (row: number, column: number) => hf.getCellValue({ sheet: 0, row, col: column })
    expect(at(0, 4)).toBe(1.2)
    expect(at(1, 4)).toBe(0.5)
    expect(at(0, 4)).toBeCloseTo(at(0, 5) as number, 12)
    expect(at(1, 4)).toBeCloseTo(at(1, 5) as number, 12)
    expect((at(3, 4) as DetailedCellError).value).toBe('#NUM!')
    expect((at(3, 4) as DetailedCellError).message).toMatch(/^QUOTA_ATTAINMENT: B4 is -1/)
  })

  describe('in the Apps Script file', () => {
    let context: vm.Context
    beforeAll(async () => {
      const files = await buildOnce()
      context = vm.createContext({ console })
      vm.runInContext(readFileSync(files.appsScript, 'utf8'), context)
    }, 60_000)

    it('runs with Sheets values: "" blanks and Dates made in the sheet', () => {
      const run = (code: string) => vm.runInContext(code, context)
      // 30 + 20 of 100; the "" row is skipped.
      expect(
        run('QUOTA_ATTAINMENT([["ana"]], [[100]], [["ana"], ["ana"], [""]], [[30], [20], [""]])'),
      ).toEqual([[0.5]])
      // Dated: Feb 10 counts in Q1, Apr 1 does not: 30 of 100.
      expect(
        run(
          'QUOTA_ATTAINMENT([["ana"]], [[100]], [["ana"], ["ana"]], [[30], [20]], [[new Date(2026, 1, 10)], [new Date(2026, 3, 1)]], new Date(2026, 0, 1), new Date(2026, 2, 31))',
        ),
      ).toEqual([[0.3]])
    })
  })
})
