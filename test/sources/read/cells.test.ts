import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readBoolean } from '../../../src/sources/read/booleans.js'
import { cellOf, isBlankCell, readText } from '../../../src/sources/read/cells.js'
import { columnResolver, normaliseHeader } from '../../../src/sources/read/columns.js'
import { JSON_BOUNDS, nestsWithin, readJson } from '../../../src/sources/read/json.js'

describe('readBoolean', () => {
  it('reads booleans as vendors write them', () => {
    for (const text of [true, 'true', 'TRUE', '1', 1, 'Yes', 'y', ' yes '])
      expect(readBoolean(text), String(text)).toBe(true)
    for (const text of [false, 'false', 'False', '0', 0, 'No', 'N'])
      expect(readBoolean(text), String(text)).toBe(false)
    for (const text of ['', ' ', null, undefined]) expect(readBoolean(text)).toBeUndefined()
    for (const text of ['2', 'maybe', 2, {}, 'true'.repeat(10)])
      expect(readBoolean(text)).toBeNull()
  })
})

describe('cells', () => {
  it('reads own keys only, never prototype keys', () => {
    const row = JSON.parse('{"__proto__": "x", "constructor": "y", "Id": "1"}') as Record<
      string,
      unknown
    >
    expect(cellOf(row, 'Id')).toBe('1')
    expect(cellOf(row, '__proto__')).toBeUndefined()
    expect(cellOf(row, 'constructor')).toBeUndefined()
    expect(cellOf({}, 'toString')).toBeUndefined()
  })

  it('treats white space, NBSP and BOM as blank', () => {
    expect(isBlankCell(' \t\r\n\u00a0\ufeff')).toBe(true)
    expect(isBlankCell('0')).toBe(false)
    expect(isBlankCell(0)).toBe(false)
  })

  it('refuses text longer than the limit and non-text', () => {
    expect(readText(' a ')).toBe('a')
    expect(readText('a'.repeat(256))).toBeNull()
    expect(readText('a'.repeat(100_000), 1_000_000)).toBeNull()
    expect(readText({})).toBeNull()
    expect(readText(12)).toBe('12')
    expect(readText(Number.NaN)).toBeNull()
  })
})

describe('columns', () => {
  it('normalises headers: BOM, trim, inner spaces, case', () => {
    expect(normaliseHeader('\ufeff  Close   Date ')).toBe('close date')
    expect(normaliseHeader('STAGENAME')).toBe('stagename')
  })

  it('finds API names and report labels, the caller’s column first', () => {
    const resolver = columnResolver(
      { amount: ['Amount'], closeDate: ['CloseDate', 'Close Date'] },
      { amount: 'Amount (converted)' },
    )
    expect(resolver.keysOf({ '\ufeffAmount': '1', 'close date': '2' })).toEqual({
      amount: '\ufeffAmount',
      closeDate: 'close date',
    })
    expect(resolver.keysOf({ 'Amount (converted)': '1', Amount: '2' })).toEqual({
      amount: 'Amount (converted)',
      closeDate: undefined,
    })
    expect(resolver.nameOf('amount')).toBe('Amount (converted)')
    expect(resolver.nameOf('closeDate')).toBe('CloseDate')
  })

  it('re-reads the headers when a row has other keys than the row before (property)', () => {
    const resolver = columnResolver({ amount: ['Amount'] })
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 20 }), (shapes) => {
        for (const withAmount of shapes) {
          const row: Record<string, unknown> = withAmount
            ? { Id: '1', Amount: '5' }
            : { Id: '1', Other: '5' }
          expect(resolver.keysOf(row).amount).toBe(withAmount ? 'Amount' : undefined)
        }
      }),
    )
  })

  it('never maps a prototype key', () => {
    const resolver = columnResolver({ id: ['__proto__', 'Id'] })
    expect(resolver.keysOf(JSON.parse('{"__proto__": "x", "Id": "1"}')).id).toBe('Id')
  })
})

describe('readJson', () => {
  it('parses small JSON and refuses deep, long or invalid text with a reason', () => {
    expect(readJson('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } })
    expect(readJson('"[[[["')).toEqual({ ok: true, value: '[[[[' })
    const deep = `${'['.repeat(JSON_BOUNDS.deepest + 1)}${']'.repeat(JSON_BOUNDS.deepest + 1)}`
    expect(readJson(deep)).toEqual({ ok: false, reason: 'JSON nested deeper than 32 levels' })
    expect(readJson('x'.repeat(11), { longest: 10, deepest: 5 })).toEqual({
      ok: false,
      reason: 'JSON text of 11 characters is longer than 10',
    })
    expect(readJson('{')).toEqual({ ok: false, reason: 'expected valid JSON text' })
    // 100,000 levels would overflow a recursive reader: refused before parsing.
    expect(readJson('['.repeat(100_000)).ok).toBe(false)
  })

  it('bounds the depth of parsed values without recursion', () => {
    let deep: unknown = 1
    for (let level = 0; level < 100_000; level++) deep = [deep]
    expect(nestsWithin(deep, 32)).toBe(false)
    expect(nestsWithin({ a: [{ b: 1 }] }, 3)).toBe(true)
    expect(nestsWithin({ a: [{ b: 1 }] }, 2)).toBe(false)
  })
})
