import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pipelineCreated } from '../../src/pipeline/pipelineCreated.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const created = (
  at: string,
  extra: Partial<Opportunity> & { amount?: Opportunity['amount'] } = {},
): Opportunity =>
  ({
    id: `${at}-${String(extra.amount)}-${extra.source ?? ''}`,
    createdAt: new Date(at),
    status: 'open',
    stageHistory: [],
    amount: 100,
    ...extra,
  }) as Opportunity

const withoutAmount = (at: string, extra: Partial<Opportunity> = {}): Opportunity => {
  const deal = { ...created(at, extra) } as { amount?: unknown }
  delete deal.amount
  return deal as Opportunity
}

describe('pipelineCreated', () => {
  it('matches the documented example', () => {
    const make = (day: string, source: string, amount?: number) =>
      ({
        id: day + source,
        createdAt: new Date(day),
        status: 'open' as const,
        stageHistory: [],
        source,
        ...(amount === undefined ? {} : { amount }),
      }) as Opportunity
    const rows = pipelineCreated(
      [
        make('2026-01-05', 'inbound', 1000),
        make('2026-01-20', 'inbound'),
        make('2026-02-03', 'partner', 500),
      ],
      { period: { unit: 'month' }, by: (deal) => deal.source ?? null },
    )
    expect(
      rows.map((row) => [
        row.group,
        row.period?.label,
        row.result.count,
        row.result.amount.toNumber(),
      ]),
    ).toEqual([
      ['inbound', '2026-01', 2, 1000],
      ['partner', '2026-02', 1, 500],
    ])
  })

  it('counts every deal in the quarter it was created, won, lost and open alike, with exact amounts', () => {
    // Q1 2026: 0.1 + 0.2 + 1000 (won, lost, open) = 1000.3; Q2: 50.
    const rows = pipelineCreated(
      [
        created('2026-01-10T00:00:00Z', {
          amount: 0.1,
          status: 'won',
          closedAt: new Date('2026-05-01'),
        }),
        created('2026-02-10T00:00:00Z', {
          amount: 0.2,
          status: 'lost',
          closedAt: new Date('2026-03-01'),
        }),
        created('2026-03-31T23:00:00Z', { amount: 1000 }),
        created('2026-04-01T00:00:00Z', { amount: 50 }),
      ],
      { period: { unit: 'quarter' } },
    )
    expect(
      rows.map((row) => [
        row.group,
        row.period?.label,
        row.result.count,
        row.result.amount.toString(),
        row.n,
      ]),
    ).toEqual([
      [null, '2026-Q1', 3, '1000.3', 3],
      [null, '2026-Q2', 1, '50', 1],
    ])
  })

  it('counts deals without an amount and adds nothing for them', () => {
    const rows = pipelineCreated(
      [
        created('2026-01-05', { amount: 300 }),
        withoutAmount('2026-01-06'),
        withoutAmount('2026-01-07'),
      ],
      { period: { unit: 'month' } },
    )
    expect(rows[0]?.result).toMatchObject({ count: 3, withoutAmount: 2, currency: null })
    expect(rows[0]?.result.amount.toString()).toBe('300')
  })

  it('groups by owner and period in the time zone, and fills empty periods when asked', () => {
    // 1 Feb 02:00 UTC is still 31 Jan in Los Angeles.
    const deals = [
      created('2026-01-15T12:00:00Z', { ownerId: 'ana', amount: 10 }),
      created('2026-02-01T02:00:00Z', { ownerId: 'ben', amount: 20 }),
      created('2026-04-10T12:00:00Z', { ownerId: 'ana', amount: 30 }),
    ]
    const options = {
      period: { unit: 'month' as const, timeZone: 'America/Los_Angeles' },
      by: (deal: Opportunity) => deal.ownerId ?? null,
    }
    expect(
      pipelineCreated(deals, options).map((row) => [row.group, row.period?.label, row.n]),
    ).toEqual([
      ['ana', '2026-01', 1],
      ['ana', '2026-04', 1],
      ['ben', '2026-01', 1],
    ])
    const filled = pipelineCreated(deals, { ...options, period: { ...options.period, fill: true } })
    // Jan–Apr for each owner: 2 groups × 4 months.
    expect(filled).toHaveLength(8)
    expect(filled.filter((row) => row.n === 0).every((row) => row.result.amount.isZero())).toBe(
      true,
    )
  })

  it('converts currencies with rates', () => {
    const rows = pipelineCreated(
      [
        created('2026-01-05', { amount: 100, currency: 'EUR' }),
        created('2026-01-06', { amount: 10 }),
      ],
      { period: { unit: 'year' }, rates: { EUR: '1.1' }, baseCurrency: 'USD' },
    )
    // 100 × 1.1 + 10 = 120 USD.
    expect(rows[0]?.result.amount.toString()).toBe('120')
    expect(rows[0]?.result.currency).toBe('USD')
  })

  it('gives no rows for no deals', () => {
    expect(pipelineCreated([], { period: { unit: 'month' } })).toEqual([])
  })

  it('refuses a missing period, bad dates and bad amounts with the path', () => {
    const metric = 'pipelineCreated'
    expectMetricError(
      () => pipelineCreated([created('2026-01-01')], {} as never),
      'INVALID_OPTION',
      {
        path: ['period'],
        metric,
      },
    )
    expectMetricError(
      () =>
        pipelineCreated([created('2026-01-01'), created('nope')], { period: { unit: 'month' } }),
      'INVALID_DATE',
      { path: [1, 'createdAt'], metric },
    )
    expectMetricError(
      () => pipelineCreated([created('2026-01-01', { amount: -1 })], { period: { unit: 'month' } }),
      'NEGATIVE_VALUE',
      { path: [0, 'amount'], metric },
    )
    expectMetricError(
      () =>
        pipelineCreated([created('2026-01-01')], {
          period: { unit: 'month', timeZone: 'Mars/Base' },
        }),
      'INVALID_OPTION',
      { path: ['period', 'timeZone'], metric },
    )
    expectMetricError(
      () =>
        pipelineCreated([created('2026-01-01')], {
          period: { unit: 'month', fill: 'yes' as never },
        }),
      'INVALID_OPTION',
      { path: ['period', 'fill'], metric },
    )
  })

  it('adds up to the total count and amount whatever the grouping (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.integer({ min: 0, max: 700 }),
            amount: fc.integer({ min: 0, max: 1_000_000 }),
            owner: fc.constantFrom('ana', 'ben', 'cy'),
          }),
          { maxLength: 40 },
        ),
        (specs) => {
          const deals = specs.map((spec) =>
            created(new Date(Date.UTC(2025, 0, 1 + spec.day)).toISOString(), {
              amount: spec.amount,
              ownerId: spec.owner,
            }),
          )
          const rows = pipelineCreated(deals, {
            period: { unit: 'month' },
            by: (deal) => deal.ownerId ?? null,
          })
          let count = 0
          let amount = 0
          for (const row of rows) {
            count += row.result.count
            amount += row.result.amount.toNumber()
          }
          expect(count).toBe(specs.length)
          expect(amount).toBe(specs.reduce((sum, spec) => sum + spec.amount, 0))
        },
      ),
    )
  })
})
