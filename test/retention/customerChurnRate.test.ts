import { describe, expect, it } from 'vitest'
import { customerChurnRate } from '../../src/retention/customerChurnRate.js'
import { expectMetricError } from '../helpers.js'

describe('customerChurnRate', () => {
  it('is churned / customers at start (creativeg.gr, producthall.com definitions)', () => {
    expect(customerChurnRate({ customersAtStart: 200, churnedCustomers: 12 })).toBe(0.06)
    expect(customerChurnRate({ customersAtStart: 5, churnedCustomers: 5 })).toBe(1)
    expect(customerChurnRate({ customersAtStart: 5, churnedCustomers: 0 })).toBe(0)
  })

  it('is null on a zero base', () => {
    expect(customerChurnRate({ customersAtStart: 0, churnedCustomers: 0 })).toBeNull()
  })

  it('refuses bad counts', () => {
    expectMetricError(
      () => customerChurnRate({ customersAtStart: 5, churnedCustomers: 6 }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['churnedCustomers'],
        metric: 'customerChurnRate',
      },
    )
    expectMetricError(
      () => customerChurnRate({ customersAtStart: 5, churnedCustomers: -1 }),
      'NEGATIVE_VALUE',
      {
        path: ['churnedCustomers'],
      },
    )
  })

  it('matches the documented example', () => {
    expect(customerChurnRate({ customersAtStart: 200, churnedCustomers: 12 })).toBe(0.06)
  })
})
