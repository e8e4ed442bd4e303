import { describe, expect, it } from 'vitest'
import {
  AccountRevenueSchema,
  OptionalCurrencySchema,
} from '../../src/schemas/AccountRevenueSchema.js'

describe('AccountRevenueSchema', () => {
  it('reads a billing export row, ignoring unknown columns', () => {
    const row = AccountRevenueSchema.parse({
      accountId: ' ACC-1 ',
      amount: '99.90',
      currency: 'eur',
      month: '2026-01-01',
    })
    expect(row.accountId).toBe('ACC-1')
    expect(row.amount.toString()).toBe('99.9')
    expect(row.currency).toBe('EUR')
    expect('month' in row).toBe(false)
  })

  it('makes a blank currency absent and refuses codes that are not three letters', () => {
    expect(
      'currency' in AccountRevenueSchema.parse({ accountId: 'a', amount: 1, currency: '' }),
    ).toBe(false)
    expect(OptionalCurrencySchema.safeParse('EURO').success).toBe(false)
  })

  it('refuses a missing account and a negative amount, naming the field', () => {
    expect(
      AccountRevenueSchema.safeParse({ accountId: '', amount: 1 }).error?.issues[0]?.path,
    ).toEqual(['accountId'])
    expect(
      AccountRevenueSchema.safeParse({ accountId: 'a', amount: '-1' }).error?.issues[0]?.path,
    ).toEqual(['amount'])
  })

  it('matches the documented example', () => {
    const row = AccountRevenueSchema.parse({
      accountId: 'ACC-1',
      amount: '1234.50',
      currency: 'usd',
    })
    expect(row.accountId).toBe('ACC-1')
    expect(row.amount.toString()).toBe('1234.5')
    expect(row.currency).toBe('USD')
  })
})
