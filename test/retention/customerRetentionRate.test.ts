import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { expectMetricError } from '../helpers.js'

describe('customerRetentionRate', () => {
  it('is (E − N) / S: 200 at start, 210 at end with 30 new → 90 % (exprimere.net worked formula)', () => {
    expect(
      customerRetentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 }),
    ).toBe(0.9)
  })

  it('is null on a zero base and 0 when every starting customer left', () => {
    expect(
      customerRetentionRate({ customersAtStart: 0, customersAtEnd: 5, newCustomers: 5 }),
    ).toBeNull()
    expect(
      customerRetentionRate({ customersAtStart: 10, customersAtEnd: 4, newCustomers: 4 }),
    ).toBe(0)
    expect(customerRetentionRate({ customersAtStart: 1, customersAtEnd: 1, newCustomers: 0 })).toBe(
      1,
    )
  })

  it('handles huge counts', () => {
    expect(
      customerRetentionRate({ customersAtStart: 4e15, customersAtEnd: 4e15, newCustomers: 1e15 }),
    ).toBe(0.75)
  })

  it('refuses negative, non-finite and impossible counts', () => {
    expectMetricError(
      () => customerRetentionRate({ customersAtStart: -1, customersAtEnd: 0, newCustomers: 0 }),
      'NEGATIVE_VALUE',
      {
        path: ['customersAtStart'],
      },
    )
    expectMetricError(
      () =>
        customerRetentionRate({ customersAtStart: 1, customersAtEnd: Number.NaN, newCustomers: 0 }),
      'NOT_FINITE',
      {
        path: ['customersAtEnd'],
      },
    )
    expectMetricError(
      () => customerRetentionRate({ customersAtStart: 10, customersAtEnd: 5, newCustomers: 6 }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['newCustomers'],
      },
    )
    expectMetricError(
      () => customerRetentionRate({ customersAtStart: 10, customersAtEnd: 12, newCustomers: 1 }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['customersAtEnd'],
      },
    )
  })

  it('stays in [0, 1] and is unchanged when all counts are scaled', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.nat(1e6),
        fc.nat(1e6),
        fc.integer({ min: 1, max: 100 }),
        (start, kept, added, k) => {
          const retained = kept % (start + 1)
          const rate = customerRetentionRate({
            customersAtStart: start,
            customersAtEnd: retained + added,
            newCustomers: added,
          })!
          expect(rate).toBeGreaterThanOrEqual(0)
          expect(rate).toBeLessThanOrEqual(1)
          expect(
            customerRetentionRate({
              customersAtStart: k * start,
              customersAtEnd: k * (retained + added),
              newCustomers: k * added,
            }),
          ).toBeCloseTo(rate, 12)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    expect(
      customerRetentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 }),
    ).toBe(0.9)
  })
})
