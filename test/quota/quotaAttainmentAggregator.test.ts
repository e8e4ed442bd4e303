import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Booking } from '../../src/quota/Booking.js'
import { quotaAttainment } from '../../src/quota/quotaAttainment.js'
import { quotaAttainmentAggregator } from '../../src/quota/quotaAttainmentAggregator.js'
import type { Quota } from '../../src/records/Quota.js'
import { expectMetricError } from '../helpers.js'

const quotas: Quota[] = [
  { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
  { ownerId: 'ana', periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: '1200.5' },
  { ownerId: 'ben', periodStart: '2026-01-01', periodEnd: '2026-06-30', amount: 0 },
  { ownerId: 'emea', periodStart: '2026-01-01', periodEnd: '2026-06-30', amount: 5000 },
]
const options = { quotas, timeZone: 'Europe/Berlin', teamOf: { ana: 'emea', ben: 'emea' } }

describe('quotaAttainmentAggregator', () => {
  it('matches the documented example', () => {
    const attainment = quotaAttainmentAggregator({
      quotas: [
        { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
      ],
    })
    const left = attainment.add(attainment.initial(), {
      ownerId: 'ana',
      at: new Date('2026-01-10'),
      amount: 300.25,
    })
    const right = attainment.addAll(attainment.initial(), [
      { ownerId: 'ana', at: new Date('2026-03-10'), amount: 500 },
    ])
    // 300.25 + 500 = 800.25
    expect(attainment.result(attainment.merge(left, right)).rows[0]?.booked.toString()).toBe(
      '800.25',
    )
  })

  it('any split, merged in any order and through JSON, equals quotaAttainment', () => {
    const aggregator = quotaAttainmentAggregator(options)
    const arbitrary: fc.Arbitrary<Booking> = fc
      .record({
        owner: fc.constantFrom('ana', 'ben', 'cy'),
        hours: fc.integer({ min: -100, max: 200 * 24 }),
        cents: fc.integer({ min: 0, max: 1e12 }),
      })
      .map(({ owner, hours, cents }) => ({
        ownerId: owner,
        at: new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000),
        amount: cents / 100,
      }))
    fc.assert(
      fc.property(
        fc.array(arbitrary, { maxLength: 30 }),
        fc.nat(),
        fc.boolean(),
        (bookings, cut, batch) => {
          const at = cut % (bookings.length + 1)
          const part = (rows: Booking[]) =>
            JSON.parse(
              JSON.stringify(
                batch
                  ? aggregator.addAll(aggregator.initial(), rows)
                  : rows.reduce((state, row) => aggregator.add(state, row), aggregator.initial()),
              ),
            )
          const merged = aggregator.result(
            aggregator.merge(part(bookings.slice(at)), part(bookings.slice(0, at))),
          )
          const oneShot = quotaAttainment(quotas, bookings, options)
          expect(merged.rows.map((row) => row.booked.toString())).toEqual(
            oneShot.rows.map((row) => row.booked.toString()),
          )
          expect(merged.distribution).toEqual(oneShot.distribution)
        },
      ),
    )
  })

  it('with no quotas gives no rows, and refuses quotas that are not a list', () => {
    const empty = quotaAttainmentAggregator()
    expect(
      empty.result(empty.add(empty.initial(), { ownerId: 'a', at: new Date(0), amount: 1 })).rows,
    ).toEqual([])
    expectMetricError(
      () => quotaAttainmentAggregator({ quotas: 'q' as unknown as Quota[] }),
      'INVALID_OPTION',
      {
        path: ['quotas'],
        metric: 'quotaAttainmentAggregator',
      },
    )
    expectMetricError(
      () => quotaAttainmentAggregator({ quotas: [{ ...quotas[0]!, amount: -1 }] }),
      'NEGATIVE_VALUE',
      {
        path: ['quotas', 0, 'amount'],
      },
    )
  })

  it('refuses states it did not make and parts in different currencies', () => {
    const aggregator = quotaAttainmentAggregator(options)
    const metric = 'quotaAttainmentAggregator'
    const initial = aggregator.initial()
    expectMetricError(() => aggregator.result({ booked: ['0'], currency: null }), 'INVALID_STATE', {
      path: ['booked'],
      metric,
    })
    expectMetricError(
      () => aggregator.merge(initial, { ...initial, booked: ['0', '0', '-1', '0'] }),
      'NEGATIVE_VALUE',
      { path: ['b', 'booked', '2'], metric },
    )
    expectMetricError(
      () => aggregator.merge({ ...initial, extra: 1 } as typeof initial, initial),
      'INVALID_STATE',
      { path: ['a'], metric },
    )
    expectMetricError(
      () =>
        aggregator.result({ ...initial, booked: ['0', 0, '0', '0'] } as unknown as typeof initial),
      'INVALID_STATE',
      { path: ['booked', 1], metric },
    )
    const plain = quotaAttainmentAggregator({ quotas })
    const eur = plain.add(plain.initial(), {
      ownerId: 'ana',
      at: new Date('2026-01-02'),
      amount: 1,
      currency: 'EUR',
    })
    const usd = plain.add(plain.initial(), {
      ownerId: 'ana',
      at: new Date('2026-01-02'),
      amount: 1,
      currency: 'USD',
    })
    expectMetricError(() => plain.merge(eur, usd), 'CURRENCY_MISMATCH', { metric })
    expectMetricError(
      () =>
        plain.add(eur, { ownerId: 'ana', at: new Date('2026-01-02'), amount: 1, currency: 'USD' }),
      'CURRENCY_MISMATCH',
      { path: [0, 'currency'], metric },
    )
  })

  it('reads the quotas once, in the factory: editing them later changes nothing', () => {
    const mutable = [
      { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 10 },
    ]
    const aggregator = quotaAttainmentAggregator({ quotas: mutable })
    const state = aggregator.add(aggregator.initial(), {
      ownerId: 'ana',
      at: new Date('2026-01-02'),
      amount: 5,
    })
    mutable[0]!.ownerId = 'ben'
    mutable[0]!.periodEnd = '2026-12-31'
    expect(aggregator.result(state).rows[0]).toMatchObject({
      ownerId: 'ana',
      periodEnd: '2026-03-31',
      attainment: 0.5,
    })
  })

  it('does not change the state it is given', () => {
    const aggregator = quotaAttainmentAggregator(options)
    const state = aggregator.initial()
    const copy = JSON.stringify(state)
    aggregator.add(state, { ownerId: 'ana', at: new Date('2026-01-02'), amount: 5 })
    aggregator.merge(state, state)
    expect(JSON.stringify(state)).toBe(copy)
  })
})
