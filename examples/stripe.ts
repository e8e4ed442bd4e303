/**
 * From Stripe subscriptions to monthly MRR and its movements: each subscription (as
 * `GET /v1/subscriptions?status=all&expand[]=data.discounts` returns it) becomes month-end MRR
 * snapshots per customer, which the retention functions read; refused ones are listed.
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
