import { describe, expect, it } from 'vitest'
import { runSheetFunction, sheetFunction } from '../../src/sheets/hostAdapter.js'

describe('hostAdapter', () => {
  it('wraps scalars passed for ranges, and reports failures as outcomes', () => {
    const nps = sheetFunction('NPS')
    expect(runSheetFunction(nps, [9], (v) => v as number)).toEqual({ ok: true, value: 100 })
    expect(runSheetFunction(nps, [undefined], (v) => v as number)).toMatchObject({
      ok: false,
      error: { code: 'DIV0' },
    })
    expect(runSheetFunction(nps, [[9, 10]], (v) => v as number)).toEqual({ ok: true, value: 100 })
    expect(() => sheetFunction('NOPE')).toThrow('unknown spreadsheet function NOPE')
  })
})
