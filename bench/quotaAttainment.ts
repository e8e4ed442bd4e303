/**
 * quotaAttainment on 1,000 reps × 4 quarters (2026) and 1 million bookings, against a
 * hand-written loop (owner codes from a Map, the quarter by comparing with the four quarter
 * starts, integer cents summed in a Float64Array — exact here because every amount has two
 * decimals and every total stays below 2^53 cents). Also the aggregator's `addAll` on the
 * same bookings, and the one-shot function in America/New_York. Checks that all agree, then
 * prints medians of 5 runs.
 * Usage: npx tsx bench/quotaAttainment.ts
 */

import type { Booking } from '../src/quota/Booking.js'
import { quotaAttainment } from '../src/quota/quotaAttainment.js'
import { quotaAttainmentAggregator } from '../src/quota/quotaAttainmentAggregator.js'
import type { Quota } from '../src/records/Quota.js'
import { medianMilliseconds } from './harness.js'

const REPS = 1_000
const BOOKINGS = 1_000_000
const QUARTERS = [
  ['2026-01-01', '2026-03-31'],
  ['2026-04-01', '2026-06-30'],
  ['2026-07-01', '2026-09-30'],
  ['2026-10-01', '2026-12-31'],
] as const
const STARTS = [
  Date.UTC(2026, 0, 1),
  Date.UTC(2026, 3, 1),
  Date.UTC(2026, 6, 1),
  Date.UTC(2026, 9, 1),
]
const END = Date.UTC(2027, 0, 1)

const quotas: Quota[] = []
for (let rep = 0; rep < REPS; rep++)
  for (const [periodStart, periodEnd] of QUARTERS)
    quotas.push({ ownerId: `rep-${rep}`, periodStart, periodEnd, amount: 250_000 + rep * 100 })

let state = 20261129
const next = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0
  return state
}
const bookings: Booking[] = []
const cents = new Float64Array(BOOKINGS)
for (let index = 0; index < BOOKINGS; index++) {
  cents[index] = 1 + (next() % 5_000_000)
  bookings.push({
    ownerId: `rep-${next() % REPS}`,
    at: new Date(STARTS[0]! + Math.floor((next() / 2 ** 32) * (END - STARTS[0]!))),
    amount: cents[index]! / 100,
  })
}

function handLoop(): Float64Array {
  const codes = new Map<string, number>()
  for (let rep = 0; rep < REPS; rep++) codes.set(`rep-${rep}`, rep)
  const totals = new Float64Array(REPS * 4)
  for (let index = 0; index < bookings.length; index++) {
    const booking = bookings[index]!
    const owner = codes.get(booking.ownerId)
    if (owner === undefined) continue
    const time = booking.at.getTime()
    if (time < STARTS[0]! || time >= END) continue
    const quarter = time < STARTS[1]! ? 0 : time < STARTS[2]! ? 1 : time < STARTS[3]! ? 2 : 3
    const cell = owner * 4 + quarter
    totals[cell] = (totals[cell] as number) + Math.round((booking.amount as number) * 100)
  }
  return totals
}

const reference = handLoop()
const oneShot = quotaAttainment(quotas, bookings)
const aggregator = quotaAttainmentAggregator({ quotas })
const merged = aggregator.result(aggregator.addAll(aggregator.initial(), bookings))
for (let index = 0; index < quotas.length; index++) {
  const expected = (reference[index]! / 100).toFixed(2)
  if (
    oneShot.rows[index]!.booked.toFixed(2) !== expected ||
    merged.rows[index]!.booked.toFixed(2) !== expected
  )
    throw new Error(`quota ${index}: ${oneShot.rows[index]!.booked} ≠ ${expected}`)
}

const loop = medianMilliseconds(handLoop)
const library = medianMilliseconds(() => quotaAttainment(quotas, bookings))
const addAll = medianMilliseconds(() =>
  aggregator.result(aggregator.addAll(aggregator.initial(), bookings)),
)
const newYork = medianMilliseconds(() =>
  quotaAttainment(quotas, bookings, { timeZone: 'America/New_York' }),
)
console.log(
  `quotaAttainment: ${REPS} reps × 4 quarters, ${BOOKINGS.toLocaleString('en')} bookings (median of 5)`,
)
console.log(`  hand loop (float cents)                ${loop.toFixed(0).padStart(6)} ms   1.00×`)
console.log(
  `  quotaAttainment (UTC)                  ${library.toFixed(0).padStart(6)} ms   ${(library / loop).toFixed(2)}×`,
)
console.log(
  `  quotaAttainment (America/New_York)     ${newYork.toFixed(0).padStart(6)} ms   ${(newYork / loop).toFixed(2)}×`,
)
console.log(
  `  quotaAttainmentAggregator addAll       ${addAll.toFixed(0).padStart(6)} ms   ${(addAll / loop).toFixed(2)}×`,
)
