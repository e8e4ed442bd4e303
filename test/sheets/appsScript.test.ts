import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { functions, toSheetsCell } from '../../src/sheets/appsScript.js'
import { SHEET_FUNCTIONS } from '../../src/sheets/registry.js'
import { buildOnce } from './buildOutput.js'

let source = ''
let context: vm.Context
const run = (code: string) => vm.runInContext(code, context)

beforeAll(async () => {
  const files = await buildOnce()
  source = readFileSync(files.appsScript, 'utf8')
  context = vm.createContext({ console })
  vm.runInContext(source, context)
}, 60_000)

describe('Google Sheets (Apps Script) file', () => {
  it('runs in a bare V8 context: NPS of [[10],[9],[""],[7],[0]] is 25 (blank skipped)', () => {
    expect(run('NPS([[10],[9],[""],[7],[0]])')).toBe(25)
    // Cross-check by hand: 2 promoters, 1 passive, 1 detractor of 4.
  })

  it('throws errors whose message starts with the spreadsheet code', () => {
    expect(() => run('NPS([[""]])')).toThrow(/^#DIV\/0! NPS: no scores/)
    expect(() => run('NPS([[11]])')).toThrow(/^#NUM! /)
    expect(() => run('NPS([["nine"]])')).toThrow(/^#VALUE! NPS: row 1 of scores is the text "nine"/)
    expect(() => run('WAPE([[1],[2]], [[1]])')).toThrow(/^#VALUE! /)
  })

  it('spills rows and columns with "" for holes, and reads Dates made in the sheet', () => {
    const row = run('NPS_CI([[10],[9],[3]])') as number[][]
    expect(row).toHaveLength(1)
    expect(row[0]).toHaveLength(3)
    // Adjusted-Wald on P = 2, D = 1, n = 3 (n' = 6, P' = 2.75, D' = 1.75), from
    // test/reference/nps_intervals.py: score 100/3, bounds centred on the adjusted 100/6.
    expect(row[0]![0]).toBeCloseTo(100 / 3, 12)
    expect(row[0]![1]).toBeCloseTo(-51.333173113253274, 10)
    expect(row[0]![2]).toBeCloseTo(84.6665064465866, 10)
    expect(run('STAGE_CONVERSION([[100],[0],[0]])')).toEqual([[0], ['']])
    const days = run(
      'LEAD_TO_QUOTE_DAYS([[new Date(2026, 2, 2)], [new Date(2026, 2, 3)]], [[new Date(2026, 2, 5, 12)], [""]])',
    )
    expect(days).toEqual([[3.5], ['']])
    expect(run('BUSINESS_HOURS(new Date(2026, 2, 6, 16), new Date(2026, 2, 9, 10))')).toBe(2)
  })

  it('has one documented top-level function declaration per registry entry, named for Sheets', () => {
    const declared = [
      ...source.matchAll(/\/\*\*\n((?: \*.*\n)+?) \*\/\nfunction ([A-Z_]+)\(([^)]*)\) \{/g),
    ]
    expect(declared.map((match) => match[2])).toEqual(SHEET_FUNCTIONS.map((fn) => fn.name))
    for (const [, doc, name, args] of declared) {
      expect(doc).toContain('@customfunction')
      expect(name).not.toMatch(/_$/)
      const registry = SHEET_FUNCTIONS.find((fn) => fn.name === name)!
      expect(args!.split(', ').filter(Boolean)).toHaveLength(registry.parameters.length)
    }
    expect(new Set(declared.map((match) => match[2])).size).toBe(SHEET_FUNCTIONS.length)
  })

  it('has no module syntax, private or static fields, or browser/Node globals, and stays under 250 KB', () => {
    expect(source).not.toMatch(/^\s*(import|export)\s/m)
    expect(source).not.toMatch(/\s#[a-zA-Z_]\w*\s*[=;(]/)
    expect(source).not.toMatch(/\bstatic\s+\w+\s*=/)
    expect(source).not.toMatch(
      /\b(setTimeout|setInterval|fetch|TextEncoder|TextDecoder|process\.|require\()/,
    )
    expect(source).not.toMatch(/from ['"]zod/)
    expect(Buffer.byteLength(source)).toBeLessThan(250 * 1024)
  })

  it('names the cell by its row in the range (Sheets gives no address), as the user counts it', () => {
    expect(() => run('NPS([[10],[9],[""],[11]])')).toThrow(
      /^#NUM! NPS: row 4 of scores is 11; scores must be integers from 0 to 10/,
    )
  })

  it('reads day starts typed "9:00" and time cells (Dates of 1899-12-30) for BUSINESS_HOURS', () => {
    // Monday 2 March 2026 to Wednesday 00:00: two days of 08:30–17:00 = 17 h.
    expect(run('BUSINESS_HOURS(new Date(2026, 2, 2), new Date(2026, 2, 4), "8:30", "17:00")')).toBe(
      17,
    )
    expect(
      run(
        'BUSINESS_HOURS(new Date(2026, 2, 2), new Date(2026, 2, 4), new Date(1899, 11, 30, 9), new Date(1899, 11, 30, 17))',
      ),
    ).toBe(16)
  })

  it('reads numbers typed as text, and counts Salesforce outcomes', () => {
    // "9", "10" promoters, "0" a detractor: (2 − 1) / 3 × 100.
    expect(run('NPS([["9"],["10"],["0"]])')).toBeCloseTo(100 / 3, 12)
    expect(run('WIN_RATE([["Won"],["Closed Lost"],["Closed Lost"],["Lost"]])')).toBe(0.25)
  })

  it('converts Sheets values: blanks to null, Dates by their wall clock to serials', () => {
    expect(toSheetsCell('')).toBeNull()
    expect(toSheetsCell(new Date(2000, 0, 1))).toBe(36526) // Excel/Sheets serial of 2000-01-01
    expect(toSheetsCell({ toString: () => 'x' })).toBe('x')
  })

  it('works the same in-process, as the bundle wraps it', () => {
    expect(functions.NPS!([[10], [''], [0]])).toBe(0)
    expect(functions.NPS_BREAKDOWN!([[10], [7]])).toEqual([[0.5, 0.5, 0, 2]])
    expect(() => functions.CSAT!([['']])).toThrow(/^#DIV\/0! /)
  })

  it('runs SHRUNK_RATE and AVG_DEAL_SIZE in the bare V8 context', () => {
    // test/reference/shrunk_rates.py (TEAM): 2/2 → 0.61506, 40/60 → 0.65012.
    const column = run(
      'SHRUNK_RATE([[2],[40],[10],[20],[8]], [[2],[60],[40],[40],[20]])',
    ) as number[][]
    expect(column[0]![0]).toBeCloseTo(0.6150562351990052, 12)
    expect(column[1]![0]).toBeCloseTo(0.6501235204575957, 12)
    // (1000 + 3000) / 2 over the Won rows.
    expect(run('AVG_DEAL_SIZE([[1000],[500],[3000]], [["Won"],["Lost"],["Won"]])')).toBe(2000)
  })
})
