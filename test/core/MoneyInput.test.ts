import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { isDecimal, MoneyDecimal } from '../../src/core/MoneyInput.js'

describe('MoneyInput', () => {
  it('divides with 34 significant digits, half to even, without touching the global Decimal', () => {
    const before = Decimal.precision
    // 2/3 to 34 digits (decimal128): 0.6666666666666666666666666666666667
    expect(new MoneyDecimal(2).div(3).toString()).toBe('0.6666666666666666666666666666666667')
    // Half-even: 0.5 rounds to 0, 1.5 and 2.5 to 2 at 0 places.
    expect(new MoneyDecimal('2.5').toDecimalPlaces(0).toString()).toBe('2')
    expect(new MoneyDecimal('3.5').toDecimalPlaces(0).toString()).toBe('4')
    expect(Decimal.precision).toBe(before)
  })

  it('recognises decimals of any clone, and nothing else', () => {
    expect(isDecimal(new Decimal(1))).toBe(true)
    expect(isDecimal(new MoneyDecimal(1))).toBe(true)
    expect(isDecimal('1')).toBe(false)
    expect(isDecimal(1)).toBe(false)
  })
})
