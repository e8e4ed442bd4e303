import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { expectMetricError } from '../helpers.js'

describe('customerRetentionAggregator', () => {
  const logos = customerRetentionAggregator()

  it('gives null rates with no starting customers', () => {
    expect(logos.result(logos.initial())).toMatchObject({ retentionRate: null, churnRate: null })
  })

  it('refuses a corrupted state', () => {
    expectMetricError(
      () =>
        logos.merge(
          { customersAtStart: -1, customersAtEnd: 0, newCustomers: 0, churnedCustomers: 0 },
          logos.initial(),
        ),
      'NEGATIVE_VALUE',
      { path: ['a', 'customersAtStart'] },
    )
  })

  it('any split, through JSON and merged in any order, gives the counts of the whole and the one-shot rates', () => {
    const presence = fc.record({ activeAtStart: fc.boolean(), activeAtEnd: fc.boolean() })
    fc.assert(
      fc.property(fc.array(presence), fc.nat(), (rows, cut) => {
        const at = cut % (rows.length + 1)
        const part = (slice: typeof rows) =>
          slice.reduce((state, row) => logos.add(state, row), logos.initial())
        // Each part's state travels through JSON, as it would between workers.
        const viaJson = (slice: typeof rows) => JSON.parse(JSON.stringify(part(slice)))
        const result = logos.result(
          logos.merge(viaJson(rows.slice(at)), viaJson(rows.slice(0, at))),
        )
        const start = rows.filter((row) => row.activeAtStart).length
        const end = rows.filter((row) => row.activeAtEnd).length
        const added = rows.filter((row) => !row.activeAtStart && row.activeAtEnd).length
        expect(result).toMatchObject({
          customersAtStart: start,
          customersAtEnd: end,
          newCustomers: added,
        })
        expect(result.retentionRate).toBe(
          customerRetentionRate({
            customersAtStart: start,
            customersAtEnd: end,
            newCustomers: added,
          }),
        )
      }),
    )
  })

  it('matches the documented example', () => {
    let state = logos.initial()
    for (const row of [
      { activeAtStart: true, activeAtEnd: true },
      { activeAtStart: true, activeAtEnd: false },
      { activeAtStart: false, activeAtEnd: true },
    ])
      state = logos.add(state, row)
    expect(logos.result(state).retentionRate).toBe(0.5)
  })
})
