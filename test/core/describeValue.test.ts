import { describe, expect, it } from 'vitest'
import { describeValue } from '../../src/core/describeValue.js'

describe('describeValue', () => {
  it('renders each kind of value readably for error messages', () => {
    expect(describeValue('9')).toBe('"9"')
    expect(describeValue(Number.NaN)).toBe('NaN')
    expect(describeValue(Number.POSITIVE_INFINITY)).toBe('Infinity')
    expect(describeValue(true)).toBe('true')
    expect(describeValue(10n)).toBe('10')
    expect(describeValue(null)).toBe('null')
    expect(describeValue(undefined)).toBe('undefined')
    expect(describeValue(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z')
    expect(describeValue(new Date(Number.NaN))).toBe('Invalid Date')
    expect(describeValue({})).toBe('a value of type object')
  })
})
