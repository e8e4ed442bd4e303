/**
 * forecastAccuracyByPeriod at scale: 200,000 closed-won bookings over 12 monthly periods,
 * one commit call per owner and month, for 20, 2,000 and 8,000 owners, against `sumMoney`
 * over the same booking amounts (the floor: reading and adding every amount exactly), with
 * amounts as numbers and as decimal strings.
 * Target (issue 12): ≤ 4× sumMoney at 8,000 owners. Also the 4,000-owners-on-their-own-
 * period case that took > 30 s and 2.7 GB before 0.2.
 *
 * Run: npx tsx bench/forecastAccuracyByPeriod.ts
 */

import { sumMoney } from '../src/core/sumMoney.js'
import { forecastAccuracyByPeriod } from '../src/forecast/forecastAccuracyByPeriod.js'
import type { ForecastActual, ForecastSubmission } from '../src/records/ForecastSubmission.js'
import { medianMilliseconds } from './harness.js'

let seed = 4242
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
  return seed / 4294967296
}

function monthly(owners: number, bookings: number) {
  const submissions: ForecastSubmission[] = []
  for (let owner = 0; owner < owners; owner++) {
    for (let month = 0; month < 12; month++) {
      submissions.push({
        ownerId: `rep-${owner}`,
        periodStart: new Date(Date.UTC(2026, month, 1)),
        periodEnd: new Date(Date.UTC(2026, month + 1, 0)),
        category: 'commit',
        amount: Math.round(random() * 5_000_000) / 100,
        submittedAt: new Date(Date.UTC(2026, month, 1)),
      })
    }
  }
  const actuals: ForecastActual[] = []
  const amounts: number[] = []
  const yearStart = Date.UTC(2026, 0, 1)
  const yearLength = Date.UTC(2027, 0, 1) - yearStart
  for (let index = 0; index < bookings; index++) {
    const amount = Math.round(random() * 1_000_000) / 100
    amounts.push(amount)
    actuals.push({
      ownerId: `rep-${Math.floor(random() * owners)}`,
      at: new Date(yearStart + Math.floor(random() * yearLength)),
      amount,
    })
  }
  return { submissions, actuals, amounts }
}

console.log('forecastAccuracyByPeriod — 200,000 bookings, 12 monthly periods (median ms)')
console.log('amounts | owners | forecastAccuracyByPeriod | sumMoney(booking amounts) | ratio')
for (const owners of [20, 2_000, 8_000]) {
  const { submissions, actuals, amounts } = monthly(owners, 200_000)
  // The same amounts as numbers, and as the decimal strings a CSV export holds.
  const asStrings = actuals.map((actual) => ({ ...actual, amount: String(actual.amount) }))
  const stringAmounts = amounts.map(String)
  for (const [kind, rows, values] of [
    ['numbers', actuals, amounts],
    ['strings', asStrings, stringAmounts],
  ] as const) {
    const library = medianMilliseconds(() => forecastAccuracyByPeriod(submissions, rows), 5)
    const floor = medianMilliseconds(() => sumMoney(values), 5)
    console.log(
      `${kind} | ${owners} | ${library.toFixed(1)} | ${floor.toFixed(1)} | ${(library / floor).toFixed(2)}×`,
    )
  }
}

const own: ForecastSubmission[] = []
const ownActuals: ForecastActual[] = []
for (let owner = 0; owner < 4_000; owner++) {
  const start = Date.UTC(2020, 0, 1) + owner * 86_400_000
  own.push({
    ownerId: `rep-${owner}`,
    periodStart: new Date(start),
    periodEnd: new Date(start + 6 * 86_400_000),
    category: 'commit',
    amount: 10,
    submittedAt: new Date(Date.UTC(2019, 11, 1)),
  })
  for (let day = 0; day < 50; day++) {
    ownActuals.push({
      ownerId: `rep-${owner}`,
      at: new Date(start + (day % 7) * 86_400_000),
      amount: 2,
    })
  }
}
const ownTime = medianMilliseconds(() => forecastAccuracyByPeriod(own, ownActuals), 3)
console.log(
  `4,000 owners, each on its own overlapping 7-day period, 200,000 bookings: ${ownTime.toFixed(0)} ms`,
)
