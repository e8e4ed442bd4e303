/**
 * winRate and weightedPipeline on the same 1,000,000 opportunity records against hand
 * loops: a count loop for the win rate (target ≤ 2×) and a float loop for the weighted
 * pipeline (exact money, target ≤ 5× the float loop, which is not exact).
 */
import { type Opportunity, weightedPipeline, winRate } from '../src/index.js'
import { type Measurement, measure } from './harness.js'

export function runPipelineBenchmarks(): Measurement[][] {
  const size = 1_000_000
  const statuses = ['open', 'won', 'lost'] as const
  const created = new Date('2026-01-01T00:00:00Z')
  const closed = new Date('2026-02-01T00:00:00Z')
  const deals: Opportunity[] = []
  let state = 99
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
  for (let index = 0; index < size; index++) {
    const status = statuses[Math.floor(next() * 3)]!
    deals.push({
      id: `OPP-${index}`,
      createdAt: created,
      amount: Math.round(next() * 10_000_000) / 100,
      status,
      ...(status === 'open'
        ? { probability: Math.round(next() * 100) / 100 }
        : { closedAt: closed }),
      stageHistory: [],
    })
  }
  const handWinRate = () => {
    let won = 0
    let lost = 0
    for (let index = 0; index < deals.length; index++) {
      const status = deals[index]!.status
      if (status === 'won') won++
      else if (status === 'lost') lost++
    }
    return won / (won + lost)
  }
  const floatWeighted = () => {
    let total = 0
    for (let index = 0; index < deals.length; index++) {
      const deal = deals[index]!
      if (deal.status === 'open') total += (deal.amount as number) * (deal.probability as number)
    }
    return total
  }
  if (winRate(deals).rate !== handWinRate()) throw new Error('win rates differ')
  return [
    measure('winRate — 1,000,000 opportunities', { name: 'hand count loop', run: handWinRate }, [
      { name: 'winRate (validates, Wilson interval)', run: () => winRate(deals) },
    ]),
    measure(
      'weightedPipeline — 1,000,000 opportunities',
      { name: 'float loop (inexact)', run: floatWeighted },
      [{ name: 'weightedPipeline (exact decimal)', run: () => weightedPipeline(deals) }],
    ),
  ]
}
