import { describe, expect, it } from 'vitest'
import { SHEET_FUNCTIONS } from '../../src/sheets/registry.js'
import type { SheetFunctionError } from '../../src/sheets/sheetValues.js'

const names = [
  'NPS',
  'NPS_CI',
  'NPS_BREAKDOWN',
  'CSAT',
  'CES',
  'RETENTION_RATE',
  'CHURN_RATE',
  'GRR',
  'NRR',
  'WIN_RATE',
  'STAGE_CONVERSION',
  'SALES_VELOCITY',
  'PIPELINE_COVERAGE',
  'MAPE',
  'WAPE',
  'SMAPE',
  'MASE',
  'FORECAST_BIAS',
  'FORECAST_ACCURACY',
  'BUSINESS_HOURS',
  'LEAD_TO_QUOTE_DAYS',
  'LEAD_TO_QUOTE_MEDIAN',
  'CX_SCORE',
]
const fn = (name: string) => SHEET_FUNCTIONS.find((entry) => entry.name === name)!.compute
const col = (...values: (number | string | null)[]) => values.map((value) => [value])

describe('spreadsheet registry', () => {
  it("lists every name of SPEC's list, valid in both hosts", () => {
    expect(SHEET_FUNCTIONS.map((entry) => entry.name)).toEqual(names)
    for (const name of names) {
      expect(name).toMatch(/^[A-Z][A-Z_]+[A-Z]$/)
      expect(name.length).toBeGreaterThanOrEqual(3)
      expect(name).not.toMatch(/^[A-Z]{1,3}\d+$/)
    }
  })

  it('computes each KPI like the core functions (values worked by hand)', () => {
    expect(fn('CSAT')(col(5, 4, 3, null), undefined, undefined)).toBeCloseTo(2 / 3, 15)
    expect(fn('CES')(col(7, 5), undefined)).toBe(6)
    expect(fn('RETENTION_RATE')(200, 210, 30)).toBe(0.9)
    expect(fn('CHURN_RATE')(200, 12)).toBe(0.06)
    expect(fn('GRR')(10000, 300, 700)).toBe(0.9)
    expect(fn('NRR')(10000, 1500, 300, 700, undefined)).toBe(1.05)
    expect(
      fn('WIN_RATE')(col('Won', 'lost', 'Open', 'won', null), undefined, undefined),
    ).toBeCloseTo(2 / 3, 15)
    expect(fn('WIN_RATE')(col('Y', 'N'), 'Y', 'N')).toBe(0.5)
    expect(fn('SALES_VELOCITY')(50, 20000, 0.25, 50)).toBe(5000)
    expect(fn('PIPELINE_COVERAGE')(900000, 300000)).toBe(3)
    expect(fn('MAPE')(col(100, 0, 50), col(110, 5, 45))).toBe(0.1)
    expect(fn('SMAPE')(col(100, 0), col(50, 0))).toBeCloseTo(1 / 3, 15)
    expect(fn('MASE')(col(18, 20), col(17, 21), col(10, 12, 14, 16), undefined)).toBe(0.5)
    expect(fn('MASE')(col(10, 12, 16), col(11, 13, 15), undefined, 1)).toBeCloseTo(1 / 3, 15)
    expect(fn('FORECAST_BIAS')(col(100, 200), col(120, 210))).toBe(0.1)
    expect(fn('LEAD_TO_QUOTE_MEDIAN')(col(1, 2, 3), col(2, 5, null))).toBe(2)
    // Monday 2 March 2026 00:00 is serial 46083 (1900 system) and 44621 (1904 system); to Wednesday 00:00: 16 h.
    expect(fn('BUSINESS_HOURS')(46083, 46085, undefined, undefined, undefined, undefined)).toBe(16)
    expect(fn('BUSINESS_HOURS')(44621, 44623, undefined, undefined, col(44622), 1904)).toBe(8)
    // CX_SCORE: NPS 40 on −100..100 (w 2), churn 0.1 with worst 0.5 best 0 (w 1) → (2·0.7 + 0.8)/3
    expect(fn('CX_SCORE')(col(40, 0.1), col(-100, 0.5), col(100, 0), col(2, 1))).toBeCloseTo(
      (100 * 2.2) / 3,
      12,
    )
  })

  it('refuses impossible spreadsheet inputs with a spreadsheet error', () => {
    const code = (action: () => unknown) => {
      try {
        action()
      } catch (error) {
        return (error as SheetFunctionError).code
      }
      return 'no error'
    }
    expect(code(() => fn('WIN_RATE')(col('Open'), undefined, undefined))).toBe('DIV0')
    expect(code(() => fn('STAGE_CONVERSION')(col(5)))).toBe('VALUE')
    expect(code(() => fn('RETENTION_RATE')(null, 1, 1))).toBe('VALUE')
    expect(code(() => fn('WIN_RATE')(col('Won'), 5, undefined))).toBe('VALUE')
    expect(code(() => fn('LEAD_TO_QUOTE_DAYS')(col(1, 2), col(3)))).toBe('VALUE')
    expect(code(() => fn('LEAD_TO_QUOTE_DAYS')(col('x'), col(3)))).toBe('VALUE')
    expect(code(() => fn('LEAD_TO_QUOTE_MEDIAN')(col(1), col(null)))).toBe('DIV0')
    expect(code(() => fn('LEAD_TO_QUOTE_MEDIAN')(col(1), col(2, 3)))).toBe('VALUE')
    expect(
      code(() => fn('BUSINESS_HOURS')(null, 1, undefined, undefined, undefined, undefined)),
    ).toBe('VALUE')
    expect(code(() => fn('BUSINESS_HOURS')(1, 2, undefined, undefined, undefined, 2000))).toBe(
      'VALUE',
    )
    expect(code(() => fn('CX_SCORE')(col(1), col(0, 1), col(2), col(1)))).toBe('VALUE')
    expect(code(() => fn('CX_SCORE')(col('x'), col(0), col(2), col(1)))).toBe('VALUE')
    expect(code(() => fn('CX_SCORE')(col(null), col(0), col(2), col(1)))).toBe('DIV0')
    expect(code(() => fn('SALES_VELOCITY')(1, 1, 0.5, 0))).toBe('DIV0')
  })
})
