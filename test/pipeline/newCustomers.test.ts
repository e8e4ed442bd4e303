import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CustomerRevenue, newCustomers } from '../../src/pipeline/newCustomers.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const deal = (
  accountId: string | undefined,
  closed: string,
  status: Opportunity['status'] = 'won',
  extra: Partial<Opportunity> = {},
): Opportunity => ({
  id: `${accountId}-${closed}-${status}`,
  ...(accountId === undefined ? {} : { accountId }),
  createdAt: new Date('2025-12-01T00:00:00Z'),
  ...(status === 'open' ? {} : { closedAt: new Date(closed) }),
  amount: 100,
  status,
  stageHistory: [],
  ...extra,
})

describe('newCustomers', () => {
  it('matches the documented example', () => {
    const win = (accountId: string, day: string) => ({
      id: accountId + day,
      accountId,
      createdAt: new Date('2026-01-01'),
      closedAt: new Date(day),
      amount: 100,
      status: 'won' as const,
      stageHistory: [],
    })
    const rows = newCustomers(
      [win('acme', '2026-01-10'), win('acme', '2026-02-03'), win('globex', '2026-02-20')],
      { period: { unit: 'month' } },
    )
    expect(rows.map((row) => [row.period?.label, row.result.accountIds])).toEqual([
      ['2026-01', ['acme']],
      ['2026-02', ['globex']],
    ])
  })

  it('counts an account once, in the period of its first win, whatever the input order', () => {
    // acme wins in March then (earlier) in January: new in January. Lost and open deals
    // never make a customer: initech only lost, so it is not a customer.
    const rows = newCustomers(
      [
        deal('acme', '2026-03-05T00:00:00Z'),
        deal('globex', '2026-03-20T00:00:00Z'),
        deal('acme', '2026-01-05T00:00:00Z'),
        deal('initech', '2026-02-01T00:00:00Z', 'lost'),
        deal('umbrella', '2026-02-01T00:00:00Z', 'open'),
      ],
      { period: { unit: 'month' } },
    )
    expect(
      rows.map((row) => [row.period?.label, row.result.count, row.result.accountIds, row.n]),
    ).toEqual([
      ['2026-01', 1, ['acme'], 1],
      ['2026-03', 1, ['globex'], 1],
    ])
  })

  it('groups by a field of the first won deal, and fills the empty periods when asked', () => {
    const rows = newCustomers(
      [
        deal('acme', '2026-01-05T00:00:00Z', 'won', { ownerId: 'ana' }),
        deal('acme', '2026-04-05T00:00:00Z', 'won', { ownerId: 'ben' }),
        deal('globex', '2026-03-05T00:00:00Z', 'won', { ownerId: 'ben' }),
      ],
      {
        period: { unit: 'month', fill: true },
        by: (item) => (item as Opportunity).ownerId ?? null,
      },
    )
    // ana: Jan 1, Feb 0, Mar 0; ben: Jan 0, Feb 0, Mar 1 (acme's April win is not new).
    expect(rows.map((row) => [row.group, row.period?.label, row.n])).toEqual([
      ['ana', '2026-01', 1],
      ['ana', '2026-02', 0],
      ['ana', '2026-03', 0],
      ['ben', '2026-01', 0],
      ['ben', '2026-02', 0],
      ['ben', '2026-03', 1],
    ])
  })

  it('reads first revenue above 0 from revenue rows (a free month is not a customer yet)', () => {
    const revenue: CustomerRevenue[] = [
      { accountId: 'acme', at: new Date('2026-01-31T00:00:00Z'), amount: 0 },
      { accountId: 'acme', at: new Date('2026-02-28T00:00:00Z'), amount: '49.00' },
      { accountId: 'globex', at: new Date('2026-02-10T00:00:00Z'), amount: 10 },
      { accountId: 'acme', at: new Date('2026-03-31T00:00:00Z'), amount: 49 },
    ]
    const rows = newCustomers(revenue, { period: { unit: 'quarter' } })
    expect(rows.map((row) => [row.period?.label, row.result.accountIds])).toEqual([
      ['2026-Q1', ['acme', 'globex']],
    ])
    const monthly = newCustomers(revenue, { period: { unit: 'month', timeZone: 'Asia/Tokyo' } })
    // In Tokyo 2026-02-28T00:00Z is 28 Feb 09:00; both are February customers.
    expect(monthly.map((row) => [row.period?.label, row.n])).toEqual([['2026-02', 2]])
  })

  it('gives no rows without customers', () => {
    expect(newCustomers([], { period: { unit: 'month' } })).toEqual([])
    expect(newCustomers([deal('a', '2026-01-01', 'lost')], { period: { unit: 'month' } })).toEqual(
      [],
    )
  })

  it('refuses a won deal without an account, a missing period and bad revenue rows', () => {
    const metric = 'newCustomers'
    expectMetricError(
      () =>
        newCustomers([deal('a', '2026-01-01'), deal(undefined, '2026-01-02')], {
          period: { unit: 'month' },
        }),
      'MISSING_VALUE',
      { path: [1, 'accountId'], metric },
    )
    expectMetricError(
      () => newCustomers([deal(5 as never, '2026-01-02')], { period: { unit: 'month' } }),
      'INVALID_RECORD',
      { path: [0, 'accountId'], metric },
    )
    expectMetricError(
      () => newCustomers([deal('a', '2026-01-01')], {} as never),
      'INVALID_OPTION',
      {
        path: ['period'],
        metric,
      },
    )
    expectMetricError(
      () =>
        newCustomers([{ accountId: 'a', at: new Date('2026-01-01'), amount: -3 }], {
          period: { unit: 'month' },
        }),
      'NEGATIVE_VALUE',
      { path: [0, 'amount'], metric },
    )
    expectMetricError(
      () =>
        newCustomers([{ accountId: 'a', at: new Date('x'), amount: 3 }], {
          period: { unit: 'month' },
        }),
      'INVALID_DATE',
      { path: [0, 'at'], metric },
    )
  })

  it('counts each winning account exactly once over all periods (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            account: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
            day: fc.integer({ min: 0, max: 400 }),
            status: fc.constantFrom(...(['won', 'lost', 'open'] as const)),
          }),
          { maxLength: 40 },
        ),
        (specs) => {
          const deals = specs.map((spec) =>
            deal(
              spec.account,
              new Date(Date.UTC(2026, 0, 1 + spec.day)).toISOString(),
              spec.status,
            ),
          )
          const rows = newCustomers(deals, { period: { unit: 'month' } })
          const counted = rows.flatMap((row) => row.result.accountIds).sort()
          const winners = [
            ...new Set(specs.filter((spec) => spec.status === 'won').map((spec) => spec.account)),
          ].sort()
          expect(counted).toEqual(winners)
        },
      ),
    )
  })
})
