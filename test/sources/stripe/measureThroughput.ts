/**
 * Throughput of stripeMrr (not a test: prints figures for notes/stripe.md's BENCHMARKS).
 * Run: npx tsx test/sources/stripe/measureThroughput.ts [subscriptions=20000]
 *
 * Input: the fixtures' 17 readable subscriptions (prices, coupons, trials, cancellations)
 * repeated with fresh ids over 4,000 customers; 12 month ends. Beside it, a bare loop that
 * only reads the same fields and adds cents as numbers (no validation, no exact money): the
 * floor any adapter pays to touch the objects.
 */
import { stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { allFixtures, copy } from './fixtures.js'

const count = Number(process.argv[2] ?? 20_000)
const readable = allFixtures().filter((value) => {
  const id = (value as { id?: unknown }).id
  return (
    typeof id === 'string' &&
    !['sub_tiered', 'sub_malformed'].includes(id) &&
    !id.startsWith('sub_mixed')
  )
})
const subscriptions: Record<string, unknown>[] = []
for (let n = 0; n < count; n++) {
  const base = copy(readable[n % readable.length]) as Record<string, unknown>
  base.id = `sub_${n}`
  base.customer = `cus_${n % 4000}`
  subscriptions.push(base)
}
const months = Array.from({ length: 12 }, (_, n) => `2026-${String(n + 1).padStart(2, '0')}`)

function bareLoop(): number {
  let total = 0
  for (let n = 0; n < subscriptions.length; n++) {
    const subscription = subscriptions[n] as {
      items: { data: { quantity: number; price: { unit_amount: number | null } }[] }
    }
    const items = subscription.items.data
    for (let m = 0; m < months.length; m++) {
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as { quantity: number; price: { unit_amount: number | null } }
        total += (item.price.unit_amount ?? 0) * item.quantity
      }
    }
  }
  return total
}

function time(label: string, run: () => unknown): number {
  run() // warm up
  const rounds = 3
  const started = performance.now()
  for (let round = 0; round < rounds; round++) run()
  const milliseconds = (performance.now() - started) / rounds
  console.log(
    `${label}: ${milliseconds.toFixed(1)} ms, ${Math.round((count / milliseconds) * 1000).toLocaleString('en-US')} subscriptions/s`,
  )
  return milliseconds
}

const adapter = time(`stripeMrr, ${count} subscriptions × 12 months`, () =>
  stripeMrr(subscriptions, { months }),
)
const bare = time('bare loop over the same fields', bareLoop)
console.log(`ratio stripeMrr / bare loop: ${(adapter / bare).toFixed(0)}×`)
