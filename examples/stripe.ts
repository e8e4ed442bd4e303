/**
 * From Stripe subscriptions to monthly MRR and its movements: each subscription (as
 * `GET /v1/subscriptions?status=all&expand[]=data.discounts` returns it) becomes month-end MRR
 * snapshots per customer, which the retention functions read; refused ones are listed. Then
 * the same with the subscriptions' history from their `customer.subscription.*` events.
 *
 *   npx tsx examples/stripe.ts
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { revenueRetentionSeries } from 'cx-metrics'
import { stripeMrr } from 'cx-metrics/sources'

const folder = 'test/sources/stripe/fixtures'
const subscriptions = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .flatMap((name) => [JSON.parse(readFileSync(join(folder, name), 'utf8'))].flat())
const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']
const { records, rejected } = stripeMrr(subscriptions, { months, timeZone: 'America/New_York' })

console.log(
  `${subscriptions.length} subscriptions: ${records.length} customer-month rows, ${rejected.length} refused`,
)
for (const { index, issues } of rejected)
  for (const issue of issues)
    console.log(`  refused #${index} ${issue.path.join('.')}: ${issue.message}`)

const usd = records.filter((record) => record.currency === 'USD')
console.log('month     MRR        new    expansion  contraction  churn   NRR')
for (const row of revenueRetentionSeries(usd)) {
  const m = row.result
  console.log(
    [
      row.period?.label,
      m.endingRevenue.toFixed(2).padStart(9),
      m.newRevenue.toFixed(2).padStart(8),
      m.expansion.toFixed(2).padStart(10),
      m.contraction.toFixed(2).padStart(12),
      m.churn.toFixed(2).padStart(7),
      m.netRevenueRetention === null ? '     —' : `${(100 * m.netRevenueRetention).toFixed(1)} %`,
    ].join('  '),
  )
}

// History from events: the subscriptions as they are now plus their customer.subscription.*
// Events (GET /v1/events, last 30 days, or a webhook log) value each month end at the state
// of that time — an upgrade on 14 March counts from the end of March, not since January.
// (events/not-used.json is webhook noise: repeats, an invoice event, an unknown subscription.)
const files = readdirSync(join(folder, 'events'))
  .filter((name) => name.endsWith('.json'))
  .sort()
const read = (name: string) => JSON.parse(readFileSync(join(folder, 'events', name), 'utf8'))
const current = files
  .filter((name) => name !== 'not-used.json')
  .flatMap((name) => read(name).subscriptions)
const events = files.flatMap((name) => read(name).events)
const history = stripeMrr(current, { months, events })
console.log(
  `\n${current.length} subscriptions with ${events.length} events: ${history.records.length} customer-month rows, ${history.rejectedEvents?.length} events not used`,
)
for (const { index, issues } of history.rejectedEvents ?? [])
  console.log(`  event #${index} ${issues[0]?.path.join('.')}: ${issues[0]?.message}`)
console.log('  month     MRR        new    expansion  contraction  churn')
for (const row of revenueRetentionSeries(history.records)) {
  const m = row.result
  console.log(
    [
      ` ${row.period?.label}`,
      m.endingRevenue.toFixed(2).padStart(9),
      m.newRevenue.toFixed(2).padStart(8),
      m.expansion.toFixed(2).padStart(10),
      m.contraction.toFixed(2).padStart(12),
      m.churn.toFixed(2).padStart(7),
    ].join('  '),
  )
}
