/**
 * groupMetric on 1 million deals: win rate by owner (50 owners) per month (24 months, UTC,
 * by `createdAt`), with `winRateAggregator` as it is (one `addAll` per cell) and without its
 * batch form (one `add`, so one new state object, per deal), against a hand-written loop
 * (integer owner codes, UTC month arithmetic, won/lost counts in a typed array). Checks
 * that all three agree, then prints medians.
 * Usage: npx tsx bench/winRateByOwner.ts
 */

import { groupMetric } from '../src/core/groupMetric.js'
import { winRateAggregator } from '../src/pipeline/winRateAggregator.js'
import type { Opportunity } from '../src/records/Opportunity.js'
import { medianMilliseconds } from './harness.js'

const LENGTH = 1_000_000
const OWNERS = 50
const MONTHS = 24
const START = Date.UTC(2024, 0, 1)

function dealsOf(length: number, seed: number): Opportunity[] {
  const deals: Opportunity[] = []
  const span = Date.UTC(2026, 0, 1) - START
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state
  }
  for (let index = 0; index < length; index++) {
    const kind = next() % 3
    const status = kind === 0 ? 'open' : kind === 1 ? 'won' : 'lost'
    const ownerId = `owner-${next() % OWNERS}`
    const created = START + Math.floor((next() / 2 ** 32) * span)
    deals.push({
      id: String(index),
      createdAt: new Date(created),
      amount: 1000,
      status,
      stageHistory: [],
      ownerId,
      ...(status === 'open' ? {} : { closedAt: new Date(created + 86_400_000) }),
    })
  }
  return deals
}

/** Won and lost counts per owner × UTC month: the loop a user would write by hand. */
function hand(deals: readonly Opportunity[]): Map<string, number | null> {
  const codeOf = new Map<string, number>()
  const names: string[] = []
  const counts = new Int32Array(2 * OWNERS * MONTHS)
  for (let index = 0; index < deals.length; index++) {
    const deal = deals[index] as Opportunity
    if (deal.status === 'open') continue
    const owner = deal.ownerId as string
    let code = codeOf.get(owner)
    if (code === undefined) {
      code = names.length
      codeOf.set(owner, code)
      names.push(owner)
    }
    const created = new Date(deal.createdAt.getTime())
    const month = (created.getUTCFullYear() - 2024) * 12 + created.getUTCMonth()
    const cell = 2 * (code * MONTHS + month) + (deal.status === 'won' ? 0 : 1)
    counts[cell] = (counts[cell] as number) + 1
  }
  const rates = new Map<string, number | null>()
  for (let code = 0; code < names.length; code++) {
    for (let month = 0; month < MONTHS; month++) {
      const won = counts[2 * (code * MONTHS + month)] as number
      const lost = counts[2 * (code * MONTHS + month) + 1] as number
      rates.set(`${names[code]}|${month}`, won + lost === 0 ? null : won / (won + lost))
    }
  }
  return rates
}

const deals = dealsOf(LENGTH, 12)
const rates = winRateAggregator()
const oneByOne = {
  initial: rates.initial,
  add: rates.add,
  merge: rates.merge,
  result: rates.result,
}
const options = {
  value: (deal: Opportunity) => deal,
  by: (deal: Opportunity) => deal.ownerId ?? null,
  period: { date: (deal: Opportunity) => deal.createdAt, unit: 'month' as const, timeZone: 'UTC' },
}

const expected = hand(deals)
const batched = groupMetric(deals, rates, options)
const folded = groupMetric(deals, oneByOne, options)
if (batched.length !== OWNERS * MONTHS) throw new Error(`cells: ${batched.length}`)
for (let index = 0; index < batched.length; index++) {
  const row = batched[index] as (typeof batched)[number]
  const start = row.period?.start
  if (start === undefined) throw new Error(`period ${index}`)
  const month = (start.getUTCFullYear() - 2024) * 12 + start.getUTCMonth()
  if (row.result.rate !== expected.get(`${row.group}|${month}`)) throw new Error(`cell ${index}`)
  if (folded[index]?.result.rate !== row.result.rate) throw new Error(`fold ${index}`)
}

const withAddAll = medianMilliseconds(() => groupMetric(deals, rates, options), 5)
const withAdd = medianMilliseconds(() => groupMetric(deals, oneByOne, options), 3)
const byHand = medianMilliseconds(() => hand(deals), 5)
const ms = (time: number) => `${time.toFixed(1)} ms`
console.log(`1M deals, ${OWNERS} owners × ${MONTHS} months (UTC), win rate by count`)
console.log(`groupMetric + winRateAggregator (addAll per cell): ${ms(withAddAll)}`)
console.log(`groupMetric + add only (one state per deal):       ${ms(withAdd)}`)
console.log(`hand loop:                                          ${ms(byHand)}`)
console.log(
  `add-only / addAll: ${(withAdd / withAddAll).toFixed(1)}×, addAll / hand: ${(withAddAll / byHand).toFixed(1)}×`,
)
