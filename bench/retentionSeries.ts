/**
 * revenueRetentionSeries on 100,000 accounts × 24 monthly MRR snapshots (about 2 million
 * rows: accounts join, expand, contract, churn and come back), against a hand-written loop
 * (integer account codes, cents in a flat Float64Array per account × month, one pass per
 * month). Checks that both give the same GRR and NRR per month, then prints medians.
 * Usage: npx tsx bench/retentionSeries.ts [accounts]
 */

import { revenueRetentionSeries } from '../src/retention/revenueRetentionSeries.js'
import { medianMilliseconds } from './harness.js'

const ACCOUNTS = Number(process.argv[2] ?? 100_000)
const MONTHS = 24

interface Snapshot {
  readonly accountId: string
  readonly month: string
  readonly amount: number
}

const monthLabel = (month: number) =>
  `${2024 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`

function snapshotsOf(accounts: number, seed: number): Snapshot[] {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
  const rows: Snapshot[] = []
  const labels = Array.from({ length: MONTHS }, (_, month) => monthLabel(month))
  for (let account = 0; account < accounts; account++) {
    const accountId = `acct-${account}`
    const joins = next() < 0.6 ? 0 : Math.floor(next() * MONTHS)
    let cents = 1_000 + Math.floor(next() * 200_000)
    let paying = true
    for (let month = joins; month < MONTHS; month++) {
      const roll = next()
      if (paying && roll < 0.02) paying = false
      else if (!paying && roll < 0.1) paying = true
      else if (roll < 0.1) cents += Math.floor(next() * 5_000)
      else if (roll < 0.15) cents = Math.max(100, cents - Math.floor(next() * 5_000))
      if (paying) rows.push({ accountId, month: labels[month] as string, amount: cents / 100 })
    }
  }
  return rows
}

/** GRR and NRR per month by hand: cents per account × month, then one pass per month. */
function hand(rows: readonly Snapshot[]): [number | null, number | null][] {
  const codeOf = new Map<string, number>()
  const monthOf = new Map<string, number>()
  for (let month = 0; month < MONTHS; month++) monthOf.set(monthLabel(month), month)
  const cents = new Float64Array(ACCOUNTS * MONTHS)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as Snapshot
    let code = codeOf.get(row.accountId)
    if (code === undefined) {
      code = codeOf.size
      codeOf.set(row.accountId, code)
    }
    const cell = code * MONTHS + (monthOf.get(row.month) as number)
    cents[cell] = (cents[cell] as number) + Math.round(row.amount * 100)
  }
  const accounts = codeOf.size
  const paidBefore = new Uint8Array(accounts)
  const result: [number | null, number | null][] = []
  for (let month = 1; month < MONTHS; month++) {
    let start = 0
    let lost = 0
    let gained = 0
    for (let account = 0; account < accounts; account++) {
      // Paid in some month before the start snapshot (month − 1): a return is a reactivation.
      if (month >= 2 && (cents[account * MONTHS + month - 2] as number) > 0) paidBefore[account] = 1
      const s = cents[account * MONTHS + month - 1] as number
      const e = cents[account * MONTHS + month] as number
      if (s > 0) {
        start += s
        if (e < s) lost += s - e
        else gained += e - s
      } else if (e > 0 && paidBefore[account] === 1) {
        gained += e // reactivation counts in NRR (netRevenueRetention)
      }
    }
    result.push(
      start === 0 ? [null, null] : [(start - lost) / start, (start - lost + gained) / start],
    )
  }
  return result
}

const rows = snapshotsOf(ACCOUNTS, 7)
const expected = hand(rows)
const series = revenueRetentionSeries(rows)
if (series.length !== MONTHS - 1) throw new Error(`months: ${series.length}`)
for (let index = 0; index < series.length; index++) {
  const { grossRevenueRetention, netRevenueRetention } = (series[index] as (typeof series)[number])
    .result
  const [grr, nrr] = expected[index] as [number | null, number | null]
  const close = (a: number | null, b: number | null) =>
    a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-12)
  if (!close(grossRevenueRetention, grr) || !close(netRevenueRetention, nrr)) {
    throw new Error(
      `month ${index + 1}: ${grossRevenueRetention}/${netRevenueRetention} vs ${grr}/${nrr}`,
    )
  }
}

const library = medianMilliseconds(() => revenueRetentionSeries(rows), 3)
const byHand = medianMilliseconds(() => hand(rows), 5)
const ms = (time: number) => `${time.toFixed(0)} ms`
console.log(
  `${rows.length.toLocaleString('en-US')} MRR rows, ${ACCOUNTS.toLocaleString('en-US')} accounts × ${MONTHS} months`,
)
console.log(
  `revenueRetentionSeries (exact Decimal totals, every movement and rate): ${ms(library)}`,
)
console.log(`hand loop (GRR and NRR only, cents in floats):                         ${ms(byHand)}`)
console.log(`library / hand: ${(library / byHand).toFixed(1)}×`)
