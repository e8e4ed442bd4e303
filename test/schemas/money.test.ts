import Decimal from 'decimal.js'
import { describe, expect, it } from 'vitest'
import { MoneySchema, OptionalMoneySchema } from '../../src/schemas/money.js'

describe('money schemas', () => {
  it('turns numbers, decimal strings and Decimals into exact Decimals', () => {
    expect(MoneySchema.parse('1234.50').toString()).toBe('1234.5')
    expect(MoneySchema.parse(0.1).toString()).toBe('0.1')
    expect(MoneySchema.parse(new Decimal('7')).toString()).toBe('7')
  })

  it('refuses negatives, thousands separators, blanks and other types with a readable message', () => {
    expect(MoneySchema.safeParse('-1').error?.issues[0]?.message).toBe('expected an amount ≥ 0')
    expect(MoneySchema.safeParse('1,234').error?.issues[0]?.message).toBe(
      'expected a decimal amount, got "1,234"',
    )
    expect(MoneySchema.safeParse('').success).toBe(false)
    expect(MoneySchema.safeParse(true).error?.issues[0]?.message).toBe(
      'expected an amount: a number or a decimal string',
    )
  })

  it('makes blank optional amounts absent', () => {
    expect(OptionalMoneySchema.parse('')).toBeUndefined()
    expect(OptionalMoneySchema.parse(null)).toBeUndefined()
    expect(OptionalMoneySchema.parse(undefined)).toBeUndefined()
    expect(OptionalMoneySchema.parse('5')?.toString()).toBe('5')
  })
})
