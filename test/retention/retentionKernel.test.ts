import { describe, expect, it } from 'vitest'
import { MoneyDecimal } from '../../src/core/MoneyInput.js'
import { ratio, readAmount, readCount } from '../../src/retention/retentionKernel.js'

describe('retentionKernel', () => {
  it('reads named counts and amounts, with a fallback for optional amounts', () => {
    expect(readCount({ n: 3 }, 'n', 'm')).toBe(3)
    expect(readAmount({ a: '1.50' }, 'a', 'm').toString()).toBe('1.5')
    expect(readAmount({}, 'a', 'm', 0).toString()).toBe('0')
  })

  it('divides exact decimals and returns null on a zero base', () => {
    expect(ratio(new MoneyDecimal(1), new MoneyDecimal(3), 'm')).toBeCloseTo(1 / 3, 15)
    expect(ratio(new MoneyDecimal(1), new MoneyDecimal(0), 'm')).toBeNull()
  })
})
