import { describe, expect, it } from 'vitest'
import { runSheetFunction, sheetFunction } from '../../src/sheets/hostAdapter.js'
import { SHEET_FUNCTIONS } from '../../src/sheets/registry.js'
import type { SheetCell } from '../../src/sheets/sheetValues.js'

const asCell = (value: unknown) => value as SheetCell

describe('hostAdapter', () => {
  it('wraps scalars passed for ranges, and reports failures as outcomes', () => {
    const nps = sheetFunction('NPS')
    expect(runSheetFunction(nps, [9], asCell)).toEqual({ ok: true, value: 100 })
    expect(runSheetFunction(nps, [undefined], asCell)).toMatchObject({
      ok: false,
      error: { code: 'DIV0' },
    })
    expect(runSheetFunction(nps, [[9, 10]], asCell)).toEqual({ ok: true, value: 100 })
    expect(() => sheetFunction('NOPE')).toThrow('unknown spreadsheet function NOPE')
  })

  it('reads a 1×1 range given for a single value as its cell, and refuses a larger one', () => {
    const churn = sheetFunction('CHURN_RATE')
    // 12 of 200 customers lost: 0.06.
    expect(runSheetFunction(churn, [[[200]], 12], asCell)).toEqual({ ok: true, value: 0.06 })
    expect(runSheetFunction(churn, [[[200], [300]], 12], asCell)).toEqual({
      ok: false,
      error: { code: 'VALUE', message: 'CHURN_RATE: start_customers must be a single value' },
    })
  })

  it('gives every entry exactly one argument per parameter, whatever the host passed', () => {
    for (const fn of SHEET_FUNCTIONS) {
      const outcome = runSheetFunction(fn, [], asCell)
      // Nothing given: a refusal in sheet terms, never a crash.
      expect(outcome.ok ? 'ok' : outcome.error.code).toMatch(/^(ok|DIV0|VALUE|NUM)$/)
      const extra = runSheetFunction(fn, new Array(fn.parameters.length + 3).fill(1), asCell)
      expect(extra.ok ? 'ok' : extra.error.code).toMatch(/^(ok|DIV0|VALUE|NUM)$/)
    }
  })
})
