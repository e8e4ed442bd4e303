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
