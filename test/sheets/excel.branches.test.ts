import { describe, expect, it } from 'vitest'
import { originOfAddress, registerExcelFunctions } from '../../src/sheets/excel.js'

class FakeError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

function register() {
  const registered = new Map<string, (...args: unknown[]) => unknown>()
  registerExcelFunctions({
    ErrorCode: {
      invalidValue: '#VALUE!',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      notAvailable: '#N/A',
    },
    Error: FakeError,
    associate: (id, fn) => registered.set(id, fn),
  })
  return (name: string) => {
    const fn = registered.get(name)
    if (fn === undefined) throw new Error(`${name} not registered`)
    return fn
  }
}

describe('Excel host branches (from src)', () => {
  it('originOfAddress ignores a non-text address and one longer than 300 characters', () => {
    expect(originOfAddress(42)).toBeUndefined()
    expect(originOfAddress(undefined)).toBeUndefined()
    expect(originOfAddress(`Sheet1!A1${'x'.repeat(300)}`)).toBeUndefined()
    // Control: a short address in the same form is read (B2 → row 1, column 1, 0-based).
    expect(originOfAddress('Sheet1!$B$2:$B$9')).toEqual({ row: 1, column: 1 })
  })

  it('runs without addresses when the invocation has no parameterAddresses array', () => {
    const ces = register()('CES')
    // Mean of 7 and 5 = 6, with max omitted (Excel passes null) and an invocation whose
    // parameterAddresses is not an array.
    expect(ces([[7], [5]], null, { parameterAddresses: 'Sheet1!A1' })).toBe(6)
    expect(ces([[7], [5]], null, null)).toBe(6)
  })

  it('writes a blank hole of a returned column as "" (Excel shows null as 0)', () => {
    const shrunk = register()('SHRUNK_RATE')
    // The middle row has a blank: SHRUNK_RATE leaves that row blank, so Excel gets ''.
    const result = shrunk([[3], [null], [5]], [[10], [null], [10]], {}) as unknown[][]
    expect(result).toHaveLength(3)
    expect(result[1]).toEqual([''])
    for (const row of [result[0], result[2]]) {
      expect(typeof row?.[0]).toBe('number')
      // A shrunk rate is still a rate.
      expect(row?.[0]).toBeGreaterThanOrEqual(0)
      expect(row?.[0]).toBeLessThanOrEqual(1)
    }
  })

  it('throws #DIV/0! and #NUM! without a message, and #VALUE! with one', () => {
    const ces = register()('CES')
    // No ratings: CES is undefined → #DIV/0!, which may not carry a message.
    let caught: unknown
    try {
      ces([[null]], null, {})
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FakeError)
    expect((caught as FakeError).code).toBe('#DIV/0!')
    expect((caught as FakeError).message).toBeUndefined()
    // A rating of 9 on the default 1–7 scale: SCORE_OUT_OF_RANGE is a numeric code → #NUM!,
    // which may not carry a message either.
    caught = undefined
    try {
      ces([[9]], null, {})
    } catch (error) {
      caught = error
    }
    expect((caught as FakeError).code).toBe('#NUM!')
    expect((caught as FakeError).message).toBeUndefined()
    // Text where a rating is needed → #VALUE!, with its message.
    caught = undefined
    try {
      ces([['x']], null, {})
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FakeError)
    expect((caught as FakeError).code).toBe('#VALUE!')
    expect((caught as FakeError).message).toMatch(/^CES: /)
  })
})
