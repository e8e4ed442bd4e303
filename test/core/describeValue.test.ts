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

  it('shortens a long string to 60 characters and states its length', () => {
    const cell = 'x'.repeat(10_000_000)
    const text = describeValue(cell)
    expect(text).toBe(`"${'x'.repeat(60)}"… (10000000 characters)`)
  })

  it('writes -0 as -0 so a signed zero is visible', () => {
    expect(describeValue(-0)).toBe('-0')
  })

  it('never throws, even for a revoked Proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(describeValue(proxy)).toBe('a value of type object')
  })
})
