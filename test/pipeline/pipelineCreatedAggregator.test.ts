import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupMetric } from '../../src/core/groupMetric.js'
import { pipelineCreated } from '../../src/pipeline/pipelineCreated.js'
import {
  type PipelineCreatedAggregatorState,
  pipelineCreatedAggregator,
} from '../../src/pipeline/pipelineCreatedAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { expectMetricError } from '../helpers.js'

const deal = (amount: number | undefined, day = 5, source = 'inbound'): Opportunity => {
  const base = {
    id: `${amount}-${day}`,
    createdAt: new Date(Date.UTC(2026, 0, day)),
    status: 'open' as const,
    stageHistory: [],
    source,
  }
  return (amount === undefined ? base : { ...base, amount }) as Opportunity
}

describe('pipelineCreatedAggregator', () => {
  it('matches the documented example', () => {
    const created = pipelineCreatedAggregator()
    const make = (amount: number) => ({
      id: String(amount),
      createdAt: new Date('2026-01-05'),
      amount,
      status: 'open' as const,
      stageHistory: [],
    })
    const state = created.merge(
      created.add(created.initial(), make(0.1)),
      created.addAll(created.initial(), [make(0.2)]),
    )
    expect(created.result(state).amount.toString()).toBe('0.3')
  })

  it('gives pipelineCreated rows through groupMetric (per source and month)', () => {
    const deals = [deal(100, 3), deal(undefined, 4), deal(50, 40, 'partner'), deal(25, 45)]
    const viaGroup = groupMetric(deals, pipelineCreatedAggregator(), {
      value: (item) => item,
      by: (item) => item.source ?? null,
      period: { date: (item) => item.createdAt, unit: 'month' },
    })
    const direct = pipelineCreated(deals, {
      period: { unit: 'month' },
      by: (item) => item.source ?? null,
    })
    // inbound: Jan 100 (+1 without amount), Feb 25; partner: Feb 50.
    expect(
      viaGroup.map((row) => [
        row.group,
        row.period?.label,
        row.result.count,
        row.result.amount.toString(),
      ]),
    ).toEqual([
      ['inbound', '2026-01', 2, '100'],
      ['inbound', '2026-02', 1, '25'],
      ['partner', '2026-02', 1, '50'],
    ])
    expect(
      viaGroup.map((row) => [
        row.group,
        row.period?.label,
        row.result.count,
        row.result.amount.toString(),
        row.result.withoutAmount,
      ]),
    ).toEqual(
      direct.map((row) => [
        row.group,
        row.period?.label,
        row.result.count,
        row.result.amount.toString(),
        row.result.withoutAmount,
      ]),
    )
  })

  it('merges exactly for any split and JSON round trip (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.option(
            fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
            { nil: undefined },
          ),
          {
            maxLength: 40,
          },
        ),
        fc.integer({ min: 0, max: 40 }),
        (amounts, cut) => {
          const deals = amounts.map((amount) => deal(amount))
          const created = pipelineCreatedAggregator()
          const split = Math.min(cut, deals.length)
          const trip = (state: PipelineCreatedAggregatorState) =>
            JSON.parse(JSON.stringify(state)) as PipelineCreatedAggregatorState
          const left = trip(created.addAll(created.initial(), deals.slice(0, split)))
          let right = created.initial()
          for (const item of deals.slice(split)) right = created.add(right, item)
          const result = created.result(created.merge(trip(right), left))
          const cents = amounts.reduce<number>(
            (sum, amount) => sum + Math.round((amount ?? 0) * 100),
            0,
          )
          expect(result.count).toBe(amounts.length)
          expect(result.withoutAmount).toBe(amounts.filter((amount) => amount === undefined).length)
          expect(Math.round(result.amount.toNumber() * 100)).toBe(cents)
          expect(result.amount.times(100).isInteger()).toBe(true)
        },
      ),
    )
  })

  it('refuses bad deals and states', () => {
    const metric = 'pipelineCreatedAggregator'
    const created = pipelineCreatedAggregator()
    expectMetricError(
      () => created.addAll(created.initial(), [deal(1), deal(-1)]),
      'NEGATIVE_VALUE',
      {
        path: [1, 'amount'],
        metric,
      },
    )
    expectMetricError(
      () =>
        created.merge(created.initial(), {
          count: 1.5,
          amount: '0',
          withoutAmount: 0,
          currency: null,
        }),
      'INVALID_STATE',
      { path: ['b', 'count'], metric },
    )
    const eur = created.add(created.initial(), { ...deal(1), currency: 'EUR' })
    const usd = created.add(created.initial(), { ...deal(1), currency: 'USD' })
    expectMetricError(() => created.merge(eur, usd), 'CURRENCY_MISMATCH', { metric })
  })
})
