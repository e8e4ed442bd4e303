import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { beforeAll, describe, expect, it } from 'vitest'
import { originOfAddress, registerExcelFunctions, toExcelCell } from '../../src/sheets/excel.js'
import { SHEET_FUNCTIONS } from '../../src/sheets/registry.js'
import { buildOnce } from './buildOutput.js'

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const registered = new Map<string, (...args: unknown[]) => unknown>()
let metadata: {
  functions: {
    id: string
    parameters: { optional?: boolean; dimensionality?: string }[]
    result: { dimensionality?: string }
    options?: { requiresParameterAddresses?: boolean }
  }[]
}
const invocation = { address: 'Sheet1!B2' }

beforeAll(async () => {
  const files = await buildOnce()
  const runtime = {
    ErrorCode: {
      invalidValue: '#VALUE!',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      notAvailable: '#N/A',
    },
    Error: FakeError,
    associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
  }
  vm.runInContext(
    readFileSync(files.excelScript, 'utf8'),
    vm.createContext({ CustomFunctions: runtime }),
  )
  metadata = JSON.parse(readFileSync(files.excelMetadata, 'utf8'))
}, 60_000)

describe('Excel custom functions', () => {
  it('registers every registry function, and functions.json lists the same ids and arities', () => {
    expect([...registered.keys()]).toEqual(SHEET_FUNCTIONS.map((fn) => fn.name))
    expect(metadata.functions.map((fn) => fn.id)).toEqual(SHEET_FUNCTIONS.map((fn) => fn.name))
    for (const fn of SHEET_FUNCTIONS) {
      const entry = metadata.functions.find((item) => item.id === fn.name)!
      expect(entry.parameters).toHaveLength(fn.parameters.length)
      expect(entry.parameters.map((p) => p.optional === true)).toEqual(
        fn.parameters.map((p) => p.optional === true),
      )
      expect(entry.parameters.map((p) => p.dimensionality === 'matrix')).toEqual(
        fn.parameters.map((p) => p.kind === 'range'),
      )
      expect(entry.result.dimensionality === 'matrix').toBe(fn.result !== 'scalar')
      // Functions with a range ask for the arguments' addresses, to name a refused cell.
      expect(entry.options?.requiresParameterAddresses === true).toBe(
        fn.parameters.some((p) => p.kind === 'range'),
      )
    }
  })

  it('treats null blanks (Excel on the web) as blanks and null optional arguments as omitted', () => {
    const nps = registered.get('NPS')!
    expect(nps([[10], [null], [9], [3]], invocation)).toBeCloseTo(100 / 3, 12)
    const csat = registered.get('CSAT')!
    expect(csat([[5], [4], [1], [null]], null, null, invocation)).toBeCloseTo(2 / 3, 12)
    expect(csat([[5], [4], [1]], 5, null, invocation)).toBeCloseTo(1 / 3, 12)
  })

  it('reads a desktop 0 blank as a real 0 — a detractor: pass exact ranges (documented)', () => {
    expect(registered.get('NPS')!([[10], [0]], invocation)).toBe(0)
  })

  it('throws CustomFunctions.Error: #DIV/0! and #NUM! without a message, #VALUE! with one', () => {
    const nps = registered.get('NPS')!
    expect(() => nps([[null]], invocation)).toThrow(FakeError)
    try {
      nps([[null]], invocation)
    } catch (error) {
      expect(error).toEqual(new FakeError('#DIV/0!'))
    }
    try {
      nps([[12]], invocation)
    } catch (error) {
      expect((error as FakeError).code).toBe('#NUM!')
      expect((error as FakeError).message).toBeUndefined()
    }
    try {
      nps([['x']], invocation)
    } catch (error) {
      expect((error as FakeError).code).toBe('#VALUE!')
      expect((error as FakeError).message).toMatch(/text "x"/)
    }
  })

  it('spills with "" holes and reads date serials', () => {
    expect(registered.get('STAGE_CONVERSION')!([[100], [0], [0]], invocation)).toEqual([[0], ['']])
    // 2000-01-01 is serial 36526; 2000-01-03 12:00 is 36528.5.
    expect(registered.get('LEAD_TO_QUOTE_DAYS')!([[36526]], [[36528.5]], invocation)).toEqual([
      [2.5],
    ])
    expect(toExcelCell(undefined)).toBeNull()
    expect(toExcelCell(Symbol.for('x'))).toBe('Symbol(x)')
  })

  it('names the cell by address when the invocation carries parameterAddresses, else by row', () => {
    const wapes = registered.get('WAPE')!
    const message = (action: () => unknown) => {
      try {
        action()
      } catch (error) {
        return (error as FakeError).message
      }
      return 'none'
    }
    expect(
      message(() =>
        wapes([[1], ['x']], [[1], [2]], {
          address: 'Sheet1!D1',
          parameterAddresses: ['Sheet1!$B$2:$B$3', 'Sheet1!C2:C3'],
        }),
      ),
    ).toMatch(/^WAPE: B3 is the text "x"/)
    expect(message(() => wapes([[1], ['x']], [[1], [2]], invocation))).toMatch(
      /^WAPE: row 2 of actuals is the text "x"/,
    )
    expect(originOfAddress("'My sheet'!AB12")).toEqual({ row: 11, column: 27 })
    expect(originOfAddress('nonsense')).toBeUndefined()
  })

  it('works the same in-process: every error code maps to its CustomFunctions code', () => {
    const local = new Map<string, (...args: unknown[]) => unknown>()
    registerExcelFunctions({
      ErrorCode: {
        invalidValue: '#VALUE!',
        divisionByZero: '#DIV/0!',
        invalidNumber: '#NUM!',
        notAvailable: '#N/A',
      },
      Error: FakeError,
      associate: (id, fn) => local.set(id, fn),
    })
    const codeOf = (action: () => unknown) => {
      try {
        action()
      } catch (error) {
        return (error as FakeError).code
      }
      return 'none'
    }
    expect(local.get('WAPE')!([[100], [50]], [[90], [60]], invocation)).toBeCloseTo(20 / 150, 12)
    expect(codeOf(() => local.get('WAPE')!([[0]], [[1]], invocation))).toBe('#DIV/0!')
    expect(codeOf(() => local.get('NPS')!([[-1]], invocation))).toBe('#NUM!')
    expect(codeOf(() => local.get('GRR')!('x', 1, 1, invocation))).toBe('#VALUE!')
    // Adjusted-Wald on P = 1, D = 1, n = 2, from test/reference/nps_intervals.py.
    const interval = local.get('NPS_CI')!([[10], [0]], null, invocation) as number[][]
    expect(interval).toHaveLength(1)
    expect(interval[0]).toHaveLength(3)
    expect(interval[0]![0]).toBe(0)
    expect(interval[0]![1]).toBeCloseTo(-73.33513720565179, 10)
    expect(interval[0]![2]).toBeCloseTo(73.33513720565179, 10)
  })
})
