/**
 * Issue 14 KPIs against hand-written loops:
 * - `shrunkRates` on 10,000 reps (20–200 trials each): the full call (moment fit, shrunk
 *   rates and two Beta quantiles per rep) and the hand loop of the fit and shrunk rates alone
 *   (a hand loop has no Beta quantile; the ratio shows what the intervals cost);
 * - `averageDealSize` on 1,000,000 deals (a third won) against a float loop over won deals
 *   (count, sum, sum of squares), and `averageDealSizeAggregator().addAll`, and the median
 *   form (one sort of the won amounts).
 * Checks that the library and the loops agree, then prints medians and ratios.
 * Usage: npx tsx bench/kpis.ts
 */

import { shrunkRates } from '../src/core/shrunkRates.js'
import { averageDealSize } from '../src/pipeline/averageDealSize.js'
import { averageDealSizeAggregator } from '../src/pipeline/averageDealSizeAggregator.js'
import type { Opportunity } from '../src/records/Opportunity.js'
import { measure } from './harness.js'

let state = 12345
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return state / 2 ** 32
}

// 10,000 reps, true rates around 0.3 ± 0.1, 20–200 trials.
const reps: { successes: number; trials: number }[] = []
for (let rep = 0; rep < 10_000; rep++) {
  const trials = 20 + Math.floor(next() * 181)
  const rate = 0.2 + next() * 0.2
  let successes = 0
  for (let trial = 0; trial < trials; trial++) if (next() < rate) successes++
  reps.push({ successes, trials })
}

function handShrunk(rows: readonly { successes: number; trials: number }[]): Float64Array {
  let total = 0
  let wins = 0
  let k = 0
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as { successes: number; trials: number }
    total += row.trials
    wins += row.successes
    if (row.trials > 0) k++
  }
  const pooled = wins / total
  let spread = 0
  let squares = 0
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as { successes: number; trials: number }
    const deviation = row.successes / row.trials - pooled
    spread += row.trials * deviation * deviation
    squares += (row.trials * row.trials) / total
  }
  const rho = (spread / (pooled * (1 - pooled)) - (k - 1)) / (total - squares - (k - 1))
  const strength = 1 / rho - 1
  const alpha = pooled * strength
  const out = new Float64Array(rows.length)
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index] as { successes: number; trials: number }
    out[index] = (row.successes + alpha) / (row.trials + strength)
  }
  return out
}

const hand = handShrunk(reps)
const library = shrunkRates(reps)
for (let index = 0; index < reps.length; index++) {
  if (Math.abs((library.rows[index]?.shrunk as number) - (hand[index] as number)) > 1e-12) {
    throw new Error(`shrunkRates and the hand loop disagree at rep ${index}`)
  }
}
measure(
  'shrunkRates, 10,000 reps',
  { name: 'hand loop (fit + shrunk, no intervals)', run: () => handShrunk(reps) },
  [{ name: 'shrunkRates (fit + shrunk + Beta intervals)', run: () => shrunkRates(reps) }],
  7,
)

// 1,000,000 deals, a third won, amounts 100.00–100,000.00 with cents.
const deals: Opportunity[] = []
for (let index = 0; index < 1_000_000; index++) {
  const kind = Math.floor(next() * 3)
  const status = kind === 0 ? 'won' : kind === 1 ? 'lost' : 'open'
  deals.push({
    id: String(index),
    createdAt: new Date(Date.UTC(2026, 0, 1)),
    ...(status === 'open' ? {} : { closedAt: new Date(Date.UTC(2026, 1, 1)) }),
    amount: Math.round(10_000 + next() * 9_990_000) / 100,
    status,
    stageHistory: [],
  })
}

function handMean(list: readonly Opportunity[]): { count: number; mean: number; sd: number } {
  let count = 0
  let sum = 0
  for (let index = 0; index < list.length; index++) {
    const deal = list[index] as Opportunity
    if (deal.status !== 'won') continue
    count++
    sum += deal.amount as number
  }
  const mean = sum / count
  let squares = 0
  for (let index = 0; index < list.length; index++) {
    const deal = list[index] as Opportunity
    if (deal.status !== 'won') continue
    const deviation = (deal.amount as number) - mean
    squares += deviation * deviation
  }
  return { count, mean, sd: Math.sqrt(squares / (count - 1)) }
}

const handResult = handMean(deals)
const oneShot = averageDealSize(deals)
if (
  oneShot.count !== handResult.count ||
  Math.abs((oneShot.mean?.toNumber() as number) / handResult.mean - 1) > 1e-12
) {
  throw new Error('averageDealSize and the hand loop disagree')
}
const sizes = averageDealSizeAggregator()
measure(
  'averageDealSize, 1,000,000 deals (333k won)',
  { name: 'hand loop (float sum, two passes)', run: () => handMean(deals) },
  [
    { name: 'averageDealSize (mean-t, exact total)', run: () => averageDealSize(deals) },
    {
      name: 'averageDealSizeAggregator addAll + result',
      run: () => sizes.result(sizes.addAll(sizes.initial(), deals)),
    },
    {
      name: "averageDealSize method 'median-order'",
      run: () => averageDealSize(deals, { method: 'median-order' }),
    },
  ],
  5,
)
