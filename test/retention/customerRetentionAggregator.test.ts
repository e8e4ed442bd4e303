import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { expectMetricError } from '../helpers.js'

describe('customerRetentionAggregator', () => {
  it('takes an options object like every aggregator factory and refuses one that is not an object', () => {
    const logos = customerRetentionAggregator({})
    // one kept, one lost, one new: (2 − 1) / 2 = 0.5 (hand count)
    const rows = [
      { activeAtStart: true, activeAtEnd: true },
      { activeAtStart: true, activeAtEnd: false },
      { activeAtStart: false, activeAtEnd: true },
    ]
    expect(logos.result(logos.addAll(logos.initial(), rows)).retentionRate).toBe(0.5)
    for (const bad of [null, 1, 'x', []]) {
      expectMetricError(
        () => customerRetentionAggregator(bad as unknown as object),
        'INVALID_OPTION',
        {
          path: [],
          metric: 'customerRetentionAggregator',
        },
      )
    }
  })

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

describe('customerRetentionAggregator.addAll', () => {
  const logos = customerRetentionAggregator()
  const presence = fc.record({ activeAtStart: fc.boolean(), activeAtEnd: fc.boolean() })
  type Row = { activeAtStart: boolean; activeAtEnd: boolean }
  const fold = (state: ReturnType<typeof logos.initial>, rows: readonly Row[]) =>
    rows.reduce((s, row) => logos.add(s, row), state)

  it('equals folding add, and the one-shot rates after result, for random rows', () => {
    fc.assert(
      fc.property(
        fc.array(presence, { maxLength: 40 }),
        fc.array(presence, { maxLength: 5 }),
        (rows, prefix) => {
          const start = fold(logos.initial(), prefix)
          const batched = logos.addAll(start, rows)
          expect(batched).toEqual(fold(start, rows))
          // Independent: counted with filters, rate from customerRetentionRate.
          const all = [...prefix, ...rows]
          const counts = {
            customersAtStart: all.filter((row) => row.activeAtStart).length,
            customersAtEnd: all.filter((row) => row.activeAtEnd).length,
            newCustomers: all.filter((row) => !row.activeAtStart && row.activeAtEnd).length,
          }
          expect(logos.result(batched).retentionRate).toBe(customerRetentionRate(counts))
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals the whole', () => {
    fc.assert(
      fc.property(fc.array(presence, { maxLength: 40 }), fc.nat(), (rows, cut) => {
        const at = cut % (rows.length + 1)
        const part = (slice: Row[]) =>
          JSON.parse(JSON.stringify(logos.addAll(logos.initial(), slice)))
        expect(logos.merge(part(rows.slice(at)), part(rows.slice(0, at)))).toEqual(
          logos.addAll(logos.initial(), rows),
        )
        expect(logos.result(logos.merge(part(rows.slice(at)), part(rows.slice(0, at))))).toEqual(
          logos.result(fold(logos.initial(), rows)),
        )
      }),
    )
  })

  it('empty inputs return an equal state', () => {
    const state = logos.add(logos.initial(), { activeAtStart: true, activeAtEnd: false })
    expect(logos.addAll(state, [])).toEqual(state)
    expect(logos.addAll(logos.initial(), [])).toEqual(logos.initial())
  })

  it('refuses a bad row at index k with the code add gives and the path [k]', () => {
    fc.assert(
      fc.property(
        fc.array(presence, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(null, 3, 'row'),
        (good, cut, row) => {
          const k = cut % (good.length + 1)
          const rows = [...good.slice(0, k), row, ...good.slice(k)] as Row[]
          expectMetricError(() => fold(logos.initial(), rows), 'INVALID_RECORD')
          expectMetricError(() => logos.addAll(logos.initial(), rows), 'INVALID_RECORD', {
            path: [k],
            metric: 'customerRetentionAggregator',
          })
        },
      ),
    )
    for (const inputs of [null, 'rows', { length: 1 }, 7]) {
      expectMetricError(
        () => logos.addAll(logos.initial(), inputs as never),
        'VALUE_OUT_OF_RANGE',
        {
          path: [],
        },
      )
    }
    expectMetricError(
      () =>
        logos.addAll(
          { customersAtStart: 0, customersAtEnd: 0, newCustomers: 0, churnedCustomers: 1 },
          [],
        ),
      'INVALID_STATE',
    )
  })

  it('matches the documented example', () => {
    // Hand count: one customer active at the start and gone at the end is one churned.
    expect(
      logos.addAll(logos.initial(), [{ activeAtStart: true, activeAtEnd: false }]).churnedCustomers,
    ).toBe(1)
  })
})
