import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import type { DetailedCellError } from 'hyperformula'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildKpiSheet } from '../../src/sheets/hyperformula.js'
import { buildOnce } from './buildOutput.js'
import { call as callSheet, col, expectSheetError } from './sheetCalls.js'

const call = (...args: unknown[]) => callSheet('QUOTA_PACING', ...args)

// Day serials (1900 system, origin 1899-12-30): 2026-01-01 = 46023, 2026-02-10 = 46063,
// 2026-03-31 = 46112. Q1 2026 has 31 + 28 + 31 = 90 days; by 10 Feb 00:00, 31 + 9 = 40 have
// passed. Its weekdays (1 Jan is a Thursday): January 22, February 20, March 22 = 64; by
// 10 Feb: 22 + 5 (2–6 Feb) + 1 (9 Feb) = 28.
const Q1_START = 46023
const Q1_END = 46112
const FEB_10 = 46063

describe('QUOTA_PACING', () => {
  it('paces in calendar days: 300k of 1M after 40 of 90 days is 300000 / (1000000 × 40 / 90) = 0.675', () => {
    expect(call(300000, 1000000, Q1_START, Q1_END, FEB_10)).toBeCloseTo(0.675, 12)
    // Noon on 10 Feb: 40.5 days; 300000 × 90 / (1000000 × 40.5) = 2/3.
    expect(call(300000, 1000000, Q1_START, Q1_END, FEB_10 + 0.5)).toBeCloseTo(2 / 3, 12)
    expect(call(300000, 1000000, Q1_START, Q1_END, FEB_10, 'calendar')).toBeCloseTo(0.675, 12)
  })

  it('paces in business days, holidays skipped (worked by hand)', () => {
    // 300000 × 64 / (1000000 × 28) = 24/35.
    expect(call(300000, 1000000, Q1_START, Q1_END, FEB_10, 'business')).toBeCloseTo(24 / 35, 12)
    // With 1 January a holiday: 27 of 63 days; 300000 × 63 / (1000000 × 27) = 0.7.
    expect(
      call(300000, 1000000, Q1_START, Q1_END, FEB_10, 'Business-Days', col(Q1_START, null)),
    ).toBeCloseTo(0.7, 12)
  })

  it('reads 1904-system serials (1462 days fewer) to the same answer', () => {
    expect(
      call(300000, 1000000, Q1_START - 1462, Q1_END - 1462, FEB_10 - 1462, null, undefined, 1904),
    ).toBeCloseTo(0.675, 12)
  })

  it('shows #DIV/0! before the period starts and refuses bad arguments', () => {
    expectSheetError(
      () => call(0, 1000, Q1_START, Q1_END, Q1_START - 5),
      'DIV0',
      /nothing is expected yet/,
    )
    expectSheetError(
      () => call(-1, 1000, Q1_START, Q1_END, FEB_10),
      'NUM',
      /^QUOTA_PACING: booked is -1/,
    )
    expectSheetError(
      () => call(1, -1000, Q1_START, Q1_END, FEB_10),
      'NUM',
      /^QUOTA_PACING: quota is -1000/,
    )
    expectSheetError(() => call(1, 1000, Q1_END, Q1_START, FEB_10), 'VALUE', /QUOTA_PACING/)
    expectSheetError(() => call(1, 1000, Q1_START, Q1_END, FEB_10, 'weekly'), 'VALUE', /day_count/)
    expectSheetError(
      () => call(1, 1000, Q1_START, Q1_END, FEB_10, 'calendar', col(Q1_START)),
      'VALUE',
      /holidays are only skipped/,
    )
    expectSheetError(() => call(1, 1000, 'soon', Q1_END, FEB_10), 'VALUE', /period_start/)
    expectSheetError(
      () => call(1, 1000, Q1_START, Q1_END, FEB_10, null, undefined, 2000),
      'VALUE',
      /date_system/,
    )
  })

  it('equals booked / (quota × elapsed / total days) and NETWORKDAYS pacing in a real HyperFormula sheet', () => {
    const hf = buildKpiSheet([
      [
        '=QUOTA_PACING(300000,1000000,DATE(2026,1,1),DATE(2026,3,31),DATE(2026,2,10))',
        '=300000/(1000000*(DATE(2026,2,10)-DATE(2026,1,1))/(DATE(2026,3,31)-DATE(2026,1,1)+1))',
        '=QUOTA_PACING(300000,1000000,DATE(2026,1,1),DATE(2026,3,31),DATE(2026,2,10),"business",F1:F1)',
        '=300000/(1000000*NETWORKDAYS(DATE(2026,1,1),DATE(2026,2,9),F1:F1)/NETWORKDAYS(DATE(2026,1,1),DATE(2026,3,31),F1:F1))',
        '=QUOTA_PACING(-5,1000000,DATE(2026,1,1),DATE(2026,3,31),DATE(2026,2,10))',
        '=DATE(2026,1,1)',
      ],
    ])
    const at = (column: number) => hf.getCellValue({ sheet: 0, row: 0, col: column })
    expect(at(0)).toBeCloseTo(0.675, 12)
    expect(at(0)).toBeCloseTo(at(1) as number, 12)
    expect(at(2)).toBeCloseTo(0.7, 12)
    expect(at(2)).toBeCloseTo(at(3) as number, 12)
    expect((at(4) as DetailedCellError).value).toBe('#NUM!')
  })

  describe('in the Apps Script file', () => {
    let context: vm.Context
    beforeAll(async () => {
      const files = await buildOnce()
      context = vm.createContext({ console })
      vm.runInContext(readFileSync(files.appsScript, 'utf8'), context)
    }, 60_000)

    it('runs with Dates made in the sheet', () => {
      const run = (code: string) => vm.runInContext(code, context)
      expect(
        run(
          'QUOTA_PACING(300000, 1000000, new Date(2026, 0, 1), new Date(2026, 2, 31), new Date(2026, 1, 10))',
        ),
      ).toBeCloseTo(0.675, 12)
    })
  })
})
