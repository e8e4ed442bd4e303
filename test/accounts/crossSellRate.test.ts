import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CrossSellRow, crossSellRate } from '../../src/accounts/index.js'
import * as root from '../../src/index.js'
import { expectMetricError } from '../helpers.js'

/** a: crm + support; b: crm twice; c: three lines; d: support; e: analytics + crm. */
const BASE: CrossSellRow[] = [
  { accountId: 'a', product: 'crm' },
  { accountId: 'b', product: 'crm' },
  { accountId: 'a', product: 'support' },
  { accountId: 'b', product: 'crm' },
  { accountId: 'c', product: 'crm' },
  { accountId: 'c', product: 'analytics' },
  { accountId: 'c', product: 'support' },
  { accountId: 'd', product: 'support' },
  { accountId: 'e', product: 'analytics' },
  { accountId: 'e', product: 'crm' },
]

describe('crossSellRate', () => {
  it('matches the documented example', () => {
    const result = crossSellRate([
      { accountId: 'a', product: 'crm' },
      { accountId: 'a', product: 'support' },
      { accountId: 'b', product: 'crm' },
      { accountId: 'b', product: 'crm' },
      { accountId: 'c', product: 'analytics' },
      { accountId: 'c', product: 'crm' },
      { accountId: 'd', product: 'support' },
    ])
    // Hand count: a and c hold two lines, b (crm twice) and d one: 2 / 4 = 0.5.
    expect([result.crossSold, result.accounts, result.rate]).toEqual([2, 4, 0.5])
  })

  it('counts a hand-worked customer base with its Wilson interval', () => {
    // Hand count: a, c, e cross-sold; b, d not: 3 / 5 = 0.6. Interval: scipy
    // binomtest(3, 5).proportion_ci(method='wilson') (test/reference/accounts.py).
    const result = crossSellRate(BASE)
    expect(result.crossSold).toBe(3)
    expect(result.accounts).toBe(5)
    expect(result.rate).toBe(0.6)
    expect(result.confidence).toBe(0.95)
    expect(result.lower).toBeCloseTo(0.23072428127601297, 12)
    expect(result.upper).toBeCloseTo(0.8823792257673521, 12)
    const ninety = crossSellRate(BASE, { confidence: 0.9 })
    expect(ninety.lower).toBeCloseTo(0.27248317186619286, 12)
    expect(ninety.upper).toBeCloseTo(0.857293527980787, 12)
    expect(ninety.confidence).toBe(0.9)
  })

  it('gives null rate and bounds without accounts', () => {
    expect(crossSellRate([])).toEqual({
      rate: null,
      accounts: 0,
      crossSold: 0,
      lower: null,
      upper: null,
      confidence: 0.95,
    })
  })

  it('refuses bad rows and options with paths', () => {
    const metric = 'crossSellRate'
    expectMetricError(() => crossSellRate({} as never), 'VALUE_OUT_OF_RANGE', { metric })
    expectMetricError(() => crossSellRate([1 as never]), 'INVALID_RECORD', { path: [0], metric })
    expectMetricError(() => crossSellRate([{ accountId: '', product: 'crm' }]), 'MISSING_VALUE', {
      path: [0, 'accountId'],
      metric,
    })
    expectMetricError(
      () => crossSellRate([{ accountId: 'a', product: 7 as never }]),
      'INVALID_RECORD',
      { path: [0, 'product'], metric },
    )
    expectMetricError(() => crossSellRate([], { confidence: 1 }), 'INVALID_OPTION', {
      path: ['confidence'],
      metric,
    })
  })

  it('is exported from the package root', () => {
    expect(root.crossSellRate).toBe(crossSellRate)
  })

  it('property: order independence and a rate within its interval and [0, 1]', () => {
    const row = fc.record({
      accountId: fc.constantFrom('a', 'b', 'c', 'd'),
      product: fc.constantFrom('crm', 'support', 'analytics'),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), (rows) => {
        const base = crossSellRate(rows)
        const reversed = crossSellRate([...rows].reverse())
        expect(reversed).toEqual(base)
        if (base.rate === null) {
          expect(base.accounts).toBe(0)
        } else {
          expect(base.rate).toBeGreaterThanOrEqual(0)
          expect(base.rate).toBeLessThanOrEqual(1)
          expect(base.lower as number).toBeLessThanOrEqual(base.rate)
          expect(base.upper as number).toBeGreaterThanOrEqual(base.rate)
        }
      }),
    )
  })
})
