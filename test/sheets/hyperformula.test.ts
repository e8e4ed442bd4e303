import { DetailedCellError } from 'hyperformula'
import { describe, expect, it } from 'vitest'
import { buildKpiSheet, toHyperFormulaCell } from '../../src/sheets/hyperformula.js'

const value = (hf: ReturnType<typeof buildKpiSheet>, row: number, col: number) =>
  hf.getCellValue({ sheet: 0, row, col })

describe('HyperFormula sheet with the KPI functions', () => {
  it('NPS equals the COUNTIF formula in the same sheet, blanks skipped', () => {
    const hf = buildKpiSheet([
      [10, '=NPS(A1:A7)', '=(COUNTIF(A1:A7,">=9")-COUNTIF(A1:A7,"<=6"))/COUNT(A1:A7)*100'],
      [9],
      [null],
      [7],
      [0],
      [3],
      [8],
    ])
    expect(value(hf, 0, 1)).toBe(0)
    expect(value(hf, 0, 1)).toBeCloseTo(value(hf, 0, 2) as number, 9)
  })

  it('WAPE and FORECAST_ACCURACY equal SUMPRODUCT/SUM formulas in the same sheet', () => {
    const hf = buildKpiSheet([
      [
        100,
        90,
        '=WAPE(A1:A4,B1:B4)',
        '=SUMPRODUCT(ABS(A1:A4-B1:B4))/SUM(A1:A4)',
        '=FORECAST_ACCURACY(A1:A4,B1:B4)',
      ],
      [50, 60],
      [0, 5],
      [20, 20],
    ])
    expect(value(hf, 0, 2)).toBeCloseTo(value(hf, 0, 3) as number, 9)
    expect(value(hf, 0, 4)).toBeCloseTo(1 - (value(hf, 0, 3) as number), 9)
  })

  it('BUSINESS_HOURS over whole days equals NETWORKDAYS × 8 in the same sheet', () => {
    const hf = buildKpiSheet([
      [
        '=DATE(2026,3,2)',
        '=DATE(2026,3,14)',
        '=BUSINESS_HOURS(A1,B1)',
        '=(NETWORKDAYS(A1,B1)-0)*8',
      ],
    ])
    // 2 March (Monday) 00:00 to 14 March 00:00: ten working days of 8 hours.
    expect(value(hf, 0, 2)).toBe(80)
    expect(value(hf, 0, 3)).toBe(80)
  })

  it('spills NPS_CI and NPS_BREAKDOWN as rows, STAGE_CONVERSION as a column', () => {
    const hf = buildKpiSheet([
      [10, '=NPS_BREAKDOWN(A1:A4)', null, null, null, '=STAGE_CONVERSION(A1:A3)'],
      [9],
      [7],
      [0],
    ])
    expect([value(hf, 0, 1), value(hf, 0, 2), value(hf, 0, 3), value(hf, 0, 4)]).toEqual([
      0.5, 0.25, 0.25, 4,
    ])
    // HyperFormula rounds results to 11 significant digits (its precisionRounding default).
    expect(value(hf, 0, 5)).toBeCloseTo(0.9, 9)
    expect(value(hf, 1, 5)).toBeCloseTo(7 / 9, 9)
  })

  it('shows undefined results as #DIV/0!, refusals as #VALUE! / #NUM!, and propagates error cells', () => {
    const hf = buildKpiSheet([
      [
        '=NPS(B1:B2)',
        null,
        '=NPS(D1:D2)',
        'nine',
        '=NPS(F1:F1)',
        true,
        '=NPS(H1:H1)',
        '=1/0',
        '=NPS(J1:J1)',
        12,
      ],
    ])
    const error = (col: number) => (value(hf, 0, col) as DetailedCellError).value
    expect(error(0)).toBe('#DIV/0!')
    expect(error(2)).toBe('#VALUE!')
    expect(error(4)).toBe('#VALUE!')
    expect(error(6)).toBe('#DIV/0!') // an error cell in the input propagates its own error, as SUM does
    expect(error(8)).toBe('#NUM!')
    expect(value(hf, 0, 2)).toBeInstanceOf(DetailedCellError)
  })

  it("computes the README's worked example sheet", () => {
    const hf = buildKpiSheet([
      ['score', 'actual', 'forecast', null],
      [10, 100, 90, '=NPS(A2:A7)'],
      [9, 50, 60, '=WAPE(B2:B5, C2:C5)'],
      [null, 0, 5, '=NPS_CI(A2:A7)'],
      [7, 20, 20, '=FORECAST_ACCURACY(B2:B5, C2:C5)'],
      [0, null, null, '=BUSINESS_HOURS(DATE(2026,3,2), DATE(2026,3,14))'],
      [3],
    ])
    // By hand: 2 promoters and 2 detractors of 5 → 0; Σ|A − F| = 25 over Σ|A| = 170.
    expect(value(hf, 1, 3)).toBe(0)
    expect(value(hf, 2, 3)).toBeCloseTo(25 / 170, 9)
    expect(value(hf, 4, 3)).toBeCloseTo(1 - 25 / 170, 9)
    expect(value(hf, 5, 3)).toBe(80)
    // NPS_CI spills score, lower, upper to the right. Adjusted-Wald (Rocks 2016) on
    // P = 2, passive = 1, D = 2, n = 5, from test/reference/nps_intervals.py;
    // HyperFormula keeps 11 significant digits.
    expect(value(hf, 3, 3)).toBe(0)
    expect(value(hf, 3, 4)).toBeCloseTo(-57.456537261081216, 8)
    expect(value(hf, 3, 5)).toBeCloseTo(57.456537261081216, 8)
  })

  it('NPS_CI passes its confidence through: 90 % adjusted-Wald on the same five scores', () => {
    const hf = buildKpiSheet([[10, '=NPS_CI(A1:A5, 0.9)'], [9], [7], [0], [3]])
    // test/reference/nps_intervals.py, "README sheet 10,9,7,0,3 (90 %)"
    expect(value(hf, 0, 1)).toBe(0)
    expect(value(hf, 0, 2)).toBeCloseTo(-48.21904609034946, 8)
    expect(value(hf, 0, 3)).toBeCloseTo(48.21904609034946, 8)
  })

  it('names the refused cell by its address: #NUM! NPS: A4 is 11', () => {
    const hf = buildKpiSheet([[10, '=NPS(A1:A4)'], [9], [null], [11]])
    const error = value(hf, 0, 1) as DetailedCellError
    expect(error.value).toBe('#NUM!')
    expect(error.message).toMatch(/^NPS: A4 is 11; scores must be integers from 0 to 10/)
    // A range away from A1, and a formula below it: the address is the cell's own.
    const shifted = buildKpiSheet([[], [null, 'x', 1], [null, 5, 1, '=WAPE(B2:B3, C2:C3)']])
    expect((value(shifted, 2, 3) as DetailedCellError).message).toMatch(/^WAPE: B2 is the text "x"/)
  })

  it('reads a time cell and "9:00" as the day start, and numeric text as numbers', () => {
    const hf = buildKpiSheet([
      [
        '=DATE(2026,3,2)',
        '=DATE(2026,3,4)',
        '=TIME(8,30,0)',
        '=TIME(17,0,0)',
        '=BUSINESS_HOURS(A1,B1,C1,D1)',
        '=BUSINESS_HOURS(A1,B1,"9:00","17:00")',
      ],
    ])
    // Two working days of 08:30–17:00 (8.5 h) and of 09:00–17:00 (8 h).
    expect(value(hf, 0, 4)).toBe(17)
    expect(value(hf, 0, 5)).toBe(16)
  })

  it('counts Salesforce outcomes and refuses a stage count that grows', () => {
    const hf = buildKpiSheet([
      ['Won', '=WIN_RATE(A1:A4)', 10, '=STAGE_CONVERSION(C1:C2)'],
      ['Closed Lost', null, 20],
      ['Closed Lost'],
      ['Lost'],
    ])
    expect(value(hf, 0, 1)).toBe(0.25)
    expect((value(hf, 0, 3) as DetailedCellError).value).toBe('#NUM!')
    expect((value(hf, 0, 3) as DetailedCellError).message).toMatch(/^STAGE_CONVERSION: C2 is 20/)
  })

  it('unwraps dates, percents and currencies to their numbers', () => {
    expect(toHyperFormulaCell({ val: 45292 })).toBe(45292)
    expect(toHyperFormulaCell(undefined)).toBeNull()
    expect(toHyperFormulaCell(Symbol('x'))).toBe('Symbol(x)')
  })

  it('AVG_DEAL_SIZE equals AVERAGEIF over won rows, and SHRUNK_RATE spills a column', () => {
    const hf = buildKpiSheet([
      [
        1000,
        'Won',
        '=AVG_DEAL_SIZE(A1:A4,B1:B4)',
        '=AVERAGEIF(B1:B4,"Won",A1:A4)',
        2,
        2,
        '=SHRUNK_RATE(E1:E5,F1:F5)',
      ],
      [500, 'Lost', null, null, 40, 60],
      [3000, 'Won', null, null, 10, 40],
      [700, 'Open', null, null, 20, 40],
      [null, null, null, null, 8, 20],
    ])
    // (1000 + 3000) / 2.
    expect(value(hf, 0, 2)).toBe(2000)
    expect(value(hf, 0, 3)).toBe(2000)
    // The issue-14 team of test/reference/shrunk_rates.py (TEAM); HyperFormula rounds to 11 digits.
    expect(value(hf, 0, 6)).toBeCloseTo(0.6150562351990052, 9)
    expect(value(hf, 1, 6)).toBeCloseTo(0.6501235204575957, 9)
    expect(value(hf, 4, 6)).toBeCloseTo(0.4226129476498628, 9)
  })
})
