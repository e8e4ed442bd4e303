/**
 * Any metric by group and by period, each in ONE call, on the sample data set:
 *   npx tsx examples/by-group-and-period.ts
 *
 * `groupMetric(records, <metric>Aggregator(options), { value, by, period })` gives rows
 * `{ group, period: { start, end, label }, result, n }` for every additive metric; the
 * monthly revenue retention series has its own call with the same row shape.
 */
import { readFileSync } from 'node:fs'
import {
  csatAggregator,
  customerEffortScoreAggregator,
  groupMetric,
  revenueRetentionOverWindow,
  revenueRetentionSeries,
  stageConversionAggregator,
  winRateAggregator,
} from 'cx-metrics'
import { OpportunitySchema, parseRecords } from 'cx-metrics/schemas'
import { COMPANY_TIME_ZONE, readSampleCsv, sampleDataPath } from './lib/sampleData.js'

const timeZone = COMPANY_TIME_ZONE // 'America/New_York': periods begin at midnight there
const rate = (value: number | null) => (value === null ? '—' : value.toFixed(3))

// --- Deals: win rate per owner × quarter (by count and by amount), funnel per segment × quarter.
const { records: deals } = parseRecords(
  OpportunitySchema,
  JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[],
)
const closed = deals.filter((deal) => deal.closedAt !== undefined)
const byOwnerAndQuarter = {
  value: (deal: (typeof closed)[number]) => deal,
  by: (deal: (typeof closed)[number]) => deal.ownerId,
  period: {
    date: (deal: (typeof closed)[number]) => deal.closedAt as Date,
    unit: 'quarter' as const,
    timeZone,
  },
}
const byCount = groupMetric(closed, winRateAggregator(), byOwnerAndQuarter)
const byAmount = groupMetric(closed, winRateAggregator({ by: 'amount' }), byOwnerAndQuarter)
console.log(
  'win rate per owner × quarter of closing: owner quarter count-rate won/closed amount-rate',
)
for (let index = 0; index < byCount.length; index++) {
  const row = byCount[index]!
  const { won, lost } = row.result
  console.log(
    `${row.group} ${row.period?.label} ${rate(row.result.rate)} ${won}/${Number(won) + Number(lost)} ${rate(byAmount[index]!.result.rate)}`,
  )
}

const STAGES = ['Discovery', 'Qualification', 'Proposal', 'Negotiation']
const funnel = groupMetric(deals, stageConversionAggregator({ stages: STAGES }), {
  value: (deal) => deal,
  by: (deal) => deal.segment,
  period: { date: (deal) => deal.createdAt, unit: 'quarter', timeZone },
})
console.log('funnel per segment × quarter of creation: segment quarter reached-per-stage won')
for (const row of funnel) {
  const reached = row.result.map((stage) => stage.reached).join('/')
  console.log(`${row.group} ${row.period?.label} ${reached} ${row.result.at(-1)?.advanced}`)
}

// --- Support ratings: CSAT (4–5 of 5) and CES (mean of 1–7) per segment × month.
const ratings = readSampleCsv('support-ratings.csv').map((row) => ({
  segment: row.segment,
  ratedAt: new Date(row.ratedAt as string),
  csat: Number(row.csat),
  ces: row.ces === '' ? null : Number(row.ces),
}))
const bySegmentAndMonth = {
  by: (rating: (typeof ratings)[number]) => rating.segment,
  period: {
    date: (rating: (typeof ratings)[number]) => rating.ratedAt,
    unit: 'month' as const,
    timeZone,
  },
}
const satisfaction = groupMetric(ratings, csatAggregator(), {
  ...bySegmentAndMonth,
  value: (rating) => rating.csat,
})
const effort = groupMetric(
  ratings.filter((rating) => rating.ces !== null),
  customerEffortScoreAggregator(),
  { ...bySegmentAndMonth, value: (rating) => rating.ces as number },
)
console.log('CSAT per segment × month: segment month csat satisfied/total')
for (const row of satisfaction) {
  console.log(
    `${row.group} ${row.period?.label} ${rate(row.result.score)} ${row.result.satisfied}/${row.result.total}`,
  )
}
console.log('CES per segment × month: segment month mean n')
for (const row of effort) {
  console.log(`${row.group} ${row.period?.label} ${rate(row.result.score)} ${row.result.total}`)
}

// --- MRR snapshots: the monthly GRR/NRR series and a quarter, straight from the CSV rows.
const segmentOf = new Map(readSampleCsv('accounts.csv').map((row) => [row.id, row.segment]))
const snapshots = readSampleCsv('account-revenue.csv').map((row) => ({
  accountId: row.accountId as string,
  month: row.month as string, // '2026-03-01': the month of the snapshot
  amount: row.amount as string, // exact decimal strings
  currency: row.currency as string,
  segment: segmentOf.get(row.accountId as string) ?? null,
}))
console.log(
  'revenue retention per month: month starting-MRR new expansion contraction churn GRR NRR logo-retention',
)
for (const row of revenueRetentionSeries(snapshots, { timeZone })) {
  const r = row.result
  console.log(
    `${row.period?.label} ${r.startingRevenue} ${r.newRevenue} ${r.expansion} ${r.contraction} ${r.churn} ${rate(r.grossRevenueRetention)} ${rate(r.netRevenueRetention)} ${rate(r.customerRetentionRate)}`,
  )
}
console.log('revenue retention over Q1 2026 per segment: segment window GRR NRR')
for (const row of revenueRetentionOverWindow(snapshots, {
  from: '2026-01',
  to: '2026-03',
  by: (snapshot) => snapshot.segment,
  timeZone,
})) {
  console.log(
    `${row.group} ${row.period?.label} ${rate(row.result.grossRevenueRetention)} ${rate(row.result.netRevenueRetention)}`,
  )
}
