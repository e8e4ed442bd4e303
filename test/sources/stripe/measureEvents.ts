/**
 * Cost of stripeMrr's `events` option (not a test: prints figures for notes/stripehist.md's
 * BENCHMARKS). Run: npx tsx test/sources/stripe/measureEvents.ts [subscriptions=10000]
 *
 * Input: fixtures/monthly.json with fresh ids, one customer each; 4 `.updated` events per
 * subscription 20 days apart; 6 month ends. Prints the median of 5 runs with and without
 * the events.
 */
import { stripeMrr } from '../../../src/sources/stripe/stripeMrr.js'
import { copy, fixture } from './fixtures.js'

const count = Number(process.argv[2] ?? 10_000)
const monthly = fixture('monthly')[0] as Record<string, unknown>
const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']
const subscriptions = Array.from({ length: count }, (_, n) => ({
  ...copy(monthly),
  id: `sub_${n}`,
  customer: `cus_${n}`,
}))
const events: unknown[] = []
for (let n = 0; n < count; n++)
  for (let k = 0; k < 4; k++)
    events.push({
      id: `evt_${n}_${k}`,
      object: 'event',
      type: 'customer.subscription.updated',
      created: 1_768_867_200 + k * 20 * 86_400, // 2026-01-20T00:00Z + k × 20 days
      data: { object: subscriptions[n] },
    })

const without: number[] = []
const withEvents: number[] = []
for (let run = 0; run < 5; run++) {
  let start = performance.now()
  stripeMrr(subscriptions, { months })
  without.push(performance.now() - start)
  start = performance.now()
  stripeMrr(subscriptions, { months, events })
  withEvents.push(performance.now() - start)
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[2] as number
console.log(
  `${count} subscriptions, 6 months: ${median(without).toFixed(0)} ms without events, ` +
    `${median(withEvents).toFixed(0)} ms with ${events.length} events (median of 5)`,
)
