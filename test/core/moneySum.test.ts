import Decimal from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addMoney,
  createMoneySum,
  type MoneyContext,
  mergeMoneySums,
  moneySumValue,
  toMoneyDecimal,
} from '../../src/core/moneySum.js'
import { expectMetricError } from '../helpers.js'

const context: MoneyContext = { metric: 'test', allowNegative: false, field: 'amount' }
// A reference with far more digits than any sum below needs.
const Exact = Decimal.clone({ precision: 200 })
const signed: MoneyContext = { metric: 'test', allowNegative: true }

function total(values: (number | string | Decimal)[], ctx: MoneyContext = signed): string {
  const sum = createMoneySum()
  values.forEach((value, index) => {
    addMoney(sum, value, ctx, index)
  })
  return moneySumValue(sum).toString()
}

describe('moneySum', () => {
  it('sums decimal fractions exactly: 0.1 + 0.2 = 0.3', () => {
    expect(total([0.1, 0.2])).toBe('0.3')
    expect(total(['0.1', '0.2'])).toBe('0.3')
  })

  it('keeps scaled integers exact while rescaling to more decimal places', () => {
    expect(total([1, 0.5, 0.25, 0.125, '0.0625', 0.000001])).toBe('1.937501')
  })

  it('falls back to decimal.js past six places or past the safe integer range', () => {
    expect(total(['0.0000001', '0.0000001', 0.0000001])).toBe('0.0000003')
    expect(total([9007199254740991, 1])).toBe('9007199254740992')
    expect(total(['1e30', 1])).toBe('1000000000000000000000000000001')
    expect(total([9e15, 0.5, 0.5])).toBe('9000000000000001')
    expect(total(['12345678901234567.5', '0.5'])).toBe('12345678901234568')
  })

  it('accepts user Decimals of another configuration, and signs when allowed', () => {
    expect(total([new Decimal('1.10'), -0.1, '-1'])).toBe('0')
    expect(total(['+2', ' 3.5 ', '.5', '4.'])).toBe('10')
  })

  it('a million cents add up to exactly ten thousand', () => {
    const sum = createMoneySum()
    for (let index = 0; index < 1_000_000; index++) addMoney(sum, 0.01, context, index)
    expect(moneySumValue(sum).toString()).toBe('10000')
  })

  it('refuses non-finite and non-decimal amounts with the row and field', () => {
    expectMetricError(() => total([1, Number.NaN], context), 'NOT_FINITE', {
      path: [1, 'amount'],
      message: 'test: amount at index 1 is NaN; amounts must be finite decimal numbers',
    })
    expectMetricError(() => total(['0x10'], context), 'NOT_FINITE', { path: [0, 'amount'] })
    expectMetricError(() => total(['1,5'], context), 'NOT_FINITE')
    expectMetricError(() => total([''], context), 'NOT_FINITE')
    expectMetricError(() => total([new Decimal(Number.NaN)], context), 'NOT_FINITE')
    expectMetricError(() => total([null as unknown as number], context), 'NOT_FINITE')
  })

  it('refuses negative amounts unless allowed', () => {
    expectMetricError(() => total([-1], context), 'NEGATIVE_VALUE', { path: [0, 'amount'] })
    expectMetricError(() => total(['-0.5'], context), 'NEGATIVE_VALUE')
    expectMetricError(() => total([new Decimal(-2)], context), 'NEGATIVE_VALUE')
    expect(total(['-0'], context)).toBe('0')
  })

  it('names an input field when the key is a field name', () => {
    const sum = createMoneySum()
    expectMetricError(
      () => addMoney(sum, -5, { metric: 'grr', allowNegative: false }, 'churn'),
      'NEGATIVE_VALUE',
      {
        path: ['churn'],
        message: 'grr: churn is -5; amounts must not be negative',
      },
    )
  })

  it('reads one amount as a Decimal', () => {
    expect(toMoneyDecimal(19.99, context, 0).toString()).toBe('19.99')
  })

  it('merging two partial sums equals the sum of all amounts', () => {
    const amount = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((cents) => cents / 100),
      fc
        .bigInt({ min: -(10n ** 20n), max: 10n ** 20n })
        .map((units) => `${units}.${String(units % 1000n).replace('-', '')}`),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((value) => Number(value.toFixed(4))),
      fc.integer({ min: -1e9, max: 1e9 }).map((nanos) => `${nanos}e-9`),
    )
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 40 }), fc.nat(40), (amounts, cut) => {
        // Reference: one decimal.js addition per amount (slow but obviously exact).
        let expected = new Exact(0)
        for (const value of amounts) expected = expected.plus(new Decimal(String(value)))
        const left = createMoneySum()
        const right = createMoneySum()
        for (const [index, value] of amounts.entries()) {
          addMoney(index < cut ? left : right, value, signed, index)
        }
        mergeMoneySums(left, right)
        expect(moneySumValue(left).eq(expected)).toBe(true)
      }),
    )
  })
})
