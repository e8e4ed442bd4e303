import { describe, expect, it } from 'vitest'
import { sumMoney } from '../../src/core/sumMoney.js'
import { expectMetricError } from '../helpers.js'

describe('sumMoney', () => {
  it('is Decimal(0) for an empty list and the amount itself for one', () => {
    expect(sumMoney([]).toString()).toBe('0')
    expect(sumMoney(['12.34']).toString()).toBe('12.34')
  })

  it('sums a float array exactly where a float loop drifts', () => {
    const amounts = new Float64Array(10).fill(0.1)
    let floatSum = 0
    for (const amount of amounts) floatSum += amount
    expect(floatSum).not.toBe(1)
    expect(sumMoney(amounts).toString()).toBe('1')
  })

  it('refuses negatives unless allowNegative, naming the index', () => {
    expectMetricError(() => sumMoney([1, -2]), 'NEGATIVE_VALUE', { path: [1], metric: 'sumMoney' })
    expect(sumMoney([1, -2], { allowNegative: true }).toString()).toBe('-1')
  })

  it('refuses non-finite amounts', () => {
    expectMetricError(() => sumMoney([Number.POSITIVE_INFINITY]), 'NOT_FINITE', { path: [0] })
  })

  it('matches the documented example', () => {
    expect(sumMoney([0.1, 0.2]).toString()).toBe('0.3')
    expect(sumMoney(['19.99', 5, '0.01']).toString()).toBe('25')
  })
})

describe('sumMoney refuses what it cannot hold exactly', () => {
  it('refuses an exponent decimal.js cannot represent instead of returning Infinity or 0', () => {
    // decimal.js keeps exponents within ±9e15; beyond that it gives Infinity or 0.
    expectMetricError(() => sumMoney(['1e9000000000000001']), 'VALUE_OUT_OF_RANGE', {
      path: [0],
      metric: 'sumMoney',
    })
    expectMetricError(() => sumMoney(['2', '1e-9000000000000001']), 'VALUE_OUT_OF_RANGE', {
      path: [1],
    })
  })

  it('refuses a total that needs more than 34 significant digits (1e34 + 1 has 35)', () => {
    expectMetricError(() => sumMoney(['1e34', '1']), 'VALUE_OUT_OF_RANGE', {
      metric: 'sumMoney',
    })
    expectMetricError(() => sumMoney([1e300, 1e-300]), 'VALUE_OUT_OF_RANGE', { path: [1] })
    // 1e33 + 1 = 1 000…001 has 34 digits by hand: it still fits.
    expect(sumMoney(['1e33', '1']).toFixed()).toBe(`1${'0'.repeat(32)}1`)
  })

  it('refuses an amount with more than 34 significant digits rather than rounding it', () => {
    expectMetricError(() => sumMoney([`1.${'0'.repeat(34)}1`]), 'VALUE_OUT_OF_RANGE', { path: [0] })
  })

  it('accepts a sum whose low digits cancel back into 34 digits', () => {
    // 0.5 + 999…999.5 (33 nines) = 10^33 exactly, although the digits of the two span 35.
    expect(sumMoney(['0.5', `${'9'.repeat(33)}.5`]).toFixed()).toBe(`1${'0'.repeat(33)}`)
    // 1e300 − 1e300 + 5 = 5 (allowNegative).
    expect(sumMoney([1e300, -1e300, 5], { allowNegative: true }).toString()).toBe('5')
  })
})
