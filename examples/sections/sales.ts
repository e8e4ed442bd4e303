import { readFileSync } from 'node:fs'
import {
  type AccountRevenueSnapshot,
  accountGrowth,
  activityCounts,
  averageDealSize,
  bookingsFromOpportunities,
  dataCompleteness,
  newCustomers,
  type Opportunity,
  pipelineCreated,
  quotaAttainment,
  quotaPacing,
  weightedPipeline,
} from 'cx-metrics'
import {
  ActivitySchema,
  LeadSchema,
  OpportunitySchema,
  parseRecords,
  QuotaSchema,
} from 'cx-metrics/schemas'
import { fixed, heading, percent, range, table } from '../lib/format.js'
import { COMPANY_TIME_ZONE, readSampleCsv, sampleDataPath } from '../lib/sampleData.js'
import { SALES_CALENDAR } from './leadToQuote.js'
import { AS_OF } from './pipeline.js'

const money = (value: { toFixed(digits: number): string } | null) =>
  value === null ? '—' : Number(value.toFixed(0)).toLocaleString('en-US')

/** The sample opportunities, parsed at the edge (every one of them is valid). */
export function sampleDeals(): Opportunity[] {
  const raw = JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[]
  return parseRecords(OpportunitySchema, raw).records
}

/**
 * Revenue against target: quota attainment per rep and quarter with the distribution sales
 * leaders report, and the current quarter's pacing as of the demo's "now".
 */
export function revenueAgainstTargetReport(): string {
  const out: string[] = []
  const deals = sampleDeals()
  const { records: quotas, rejected } = parseRecords(QuotaSchema, readSampleCsv('quotas.csv'), {
    onInvalid: 'collect',
  })
  const bookings = bookingsFromOpportunities(deals)
  const { rows } = quotaAttainment(quotas, bookings, { timeZone: COMPANY_TIME_ZONE })

  out.push(heading('Revenue against target (closed-won bookings / quota, New York dates)'))
  out.push(`${quotas.length} quotas read, ${rejected.length} rejected.`)
  // The schema reads calendar dates as `'YYYY-MM-DD'` strings.
  const quarters = [...new Set(quotas.map((quota) => String(quota.periodStart)))].sort()
  const owners = [...new Set(quotas.map((quota) => quota.ownerId))]
  const cell = (ownerId: string, quarter: string) =>
    rows.find((row) => row.ownerId === ownerId && String(row.periodStart) === quarter)
  const label = (quarter: string) =>
    `${quarter.slice(0, 4)}-Q${(Number(quarter.slice(5, 7)) + 2) / 3}`
  out.push(
    table(
      ['rep', ...quarters.map(label)],
      owners.map((ownerId) => [
        ownerId,
        ...quarters.map((quarter) => percent(cell(ownerId, quarter)?.attainment ?? null, 0)),
      ]),
    ),
  )
  out.push(
    table(
      ['quarter', 'reps', 'at/above quota', 'median', 'p10', 'p90'],
      quarters.map((quarter) => {
        const { distribution } = quotaAttainment(
          quotas.filter((quota) => String(quota.periodStart) === quarter),
          bookings,
          { timeZone: COMPANY_TIME_ZONE },
        )
        return [
          label(quarter),
          String(distribution.reps),
          percent(distribution.atOrAbove, 0),
          percent(distribution.median, 0),
          percent(distribution.p10, 0),
          percent(distribution.p90, 0),
        ]
      }),
    ),
  )

  const current = quarters.at(-1) as string
  out.push(
    heading(
      `Pacing of ${label(current)} as of ${AS_OF.toISOString().slice(0, 10)} (business days, US holidays)`,
    ),
  )
  const paceRows = owners.map((ownerId) => {
    const quota = quotas.find((q) => q.ownerId === ownerId && String(q.periodStart) === current)
    const booked = cell(ownerId, current)
    if (quota === undefined || booked === undefined) return [ownerId, '—']
    // The rep's open deals planned to close by the end of the quarter, weighted by probability.
    const closingThisQuarter = deals.filter(
      (deal) =>
        deal.ownerId === ownerId &&
        deal.status === 'open' &&
        deal.expectedCloseAt !== undefined &&
        String(deal.expectedCloseAt) <= String(quota.periodEnd),
    )
    const pace = quotaPacing(quota, booked.booked, {
      asOf: AS_OF,
      timeZone: COMPANY_TIME_ZONE,
      dayCount: 'business-days',
      calendar: SALES_CALENDAR,
      openPipeline: weightedPipeline(closingThisQuarter),
    })
    return [
      ownerId,
      money(pace.quota),
      money(pace.booked),
      money(pace.expectedToDate),
      fixed(pace.paceRatio, 2),
      percent(pace.projectedAttainment, 0),
      range(pace.lower === null ? null : 100 * pace.lower, pace.upper && 100 * pace.upper, 0),
    ]
  })
  out.push(
    table(
      [
        'rep',
        'quota',
        'booked',
        'expected to date',
        'pace',
        'run-rate attainment',
        'with weighted pipeline (%)',
      ],
      paceRows,
    ),
  )
  return out.join('\n')
}

/** Account growth over the sample year: classes, the portfolio summary and the biggest movers. */
export function accountGrowthReport(): string {
  const out: string[] = []
  const snapshots: AccountRevenueSnapshot[] = readSampleCsv('account-revenue.csv').map((row) => ({
    accountId: row.accountId as string,
    month: (row.month as string).slice(0, 7),
    amount: row.amount as string,
    currency: row.currency as string,
  }))
  const { accounts, summary } = accountGrowth(snapshots, {
    from: '2025-12',
    to: '2026-11',
    flatTolerance: 0.02,
  })
  out.push(heading('Account growth, December 2025 → November 2026 (MRR; flat within ±2 %)'))
  out.push(
    `${summary.accounts} accounts: ${summary.counts.expanded} expanded, ${summary.counts.flat} flat, ` +
      `${summary.counts.contracted} contracted, ${summary.counts.churned} churned, ${summary.counts.new} new. ` +
      `Share expanding ${percent(summary.shareExpanding)}, median growth ${percent(summary.medianGrowth)}, ` +
      `NRR of the window ${percent(summary.netRevenueRetention)}.`,
  )
  const movers = accounts
    .filter((account) => account.growth !== null)
    .sort((a, b) => (b.growth as number) - (a.growth as number))
  out.push(
    table(
      ['account', 'MRR Dec 2025', 'MRR Nov 2026', 'growth', 'class'],
      [...movers.slice(0, 3), ...movers.slice(-3)].map((account) => [
        account.accountId,
        money(account.start),
        money(account.end),
        percent(account.growth),
        account.class,
      ]),
    ),
  )
  return out.join('\n')
}

/** Pipeline and customer generation per quarter, average deal size, rep activity, data quality. */
export function generationReport(): string {
  const out: string[] = []
  const deals = sampleDeals()
  const quarter = { unit: 'quarter', timeZone: COMPANY_TIME_ZONE } as const

  out.push(heading('Pipeline created per quarter (count and amount, by source)'))
  const created = pipelineCreated(deals, { period: quarter, by: (deal) => deal.source ?? null })
  const labels = [...new Set(created.map((row) => row.period?.label ?? ''))].sort()
  const sources = [...new Set(created.map((row) => String(row.group)))]
  out.push(
    table(
      ['source', ...labels],
      sources.map((source) => [
        source,
        ...labels.map((label) => {
          const row = created.find((r) => String(r.group) === source && r.period?.label === label)
          return row === undefined ? '—' : `${row.result.count} / ${money(row.result.amount)}`
        }),
      ]),
    ),
  )

  out.push(
    heading('Won deals per quarter: new customers and deal size (median, order-statistic 95 % CI)'),
  )
  const won = deals.filter((deal) => deal.status === 'won')
  const sizes = averageDealSize(won, {
    method: 'median-order',
    period: { ...quarter, date: (deal) => deal.closedAt! },
  })
  const firsts = newCustomers(won, { period: quarter })
  out.push(
    table(
      [
        'quarter',
        'won',
        'new customers',
        'median deal',
        '95 % CI',
        'mean deal',
        'mean vs previous',
      ],
      sizes.map((row) => [
        row.period?.label ?? '',
        String(row.result.count),
        String(firsts.find((f) => f.period?.label === row.period?.label)?.result.count ?? 0),
        money(row.result.median),
        range(row.result.lower, row.result.upper, 0),
        money(row.result.mean),
        percent(row.result.change),
      ]),
    ),
  )

  const { records: activities, rejected } = parseRecords(
    ActivitySchema,
    readSampleCsv('activities.csv'),
    { onInvalid: 'collect' },
  )
  out.push(heading('Rep activity, 2026-Q4 to date (face time = meetings, visits, demos)'))
  out.push(
    `${activities.length} activities read, ${rejected.length} rejected` +
      rejected.map((row) => ` (line ${row.index + 2}: ${row.issues[0]?.path.join('.')})`).join(''),
  )
  const q4 = activityCounts(
    activities.filter((activity) => activity.at >= new Date('2026-10-01T04:00:00Z')),
    { by: (activity) => activity.ownerId, customerTimeTypes: ['meeting', 'visit', 'demo'] },
  )
  out.push(
    table(
      ['rep', 'calls', 'emails', 'meetings', 'visits', 'demos', 'proposals', 'face time (h)'],
      [...q4]
        .sort((a, b) => String(a.group).localeCompare(String(b.group)))
        .map((row) => [
          String(row.group),
          ...['call', 'email', 'meeting', 'visit', 'demo', 'proposal-sent'].map((type) =>
            String(row.result.byType[type] ?? 0),
          ),
          fixed(row.result.customerMinutes / 60),
        ]),
    ),
  )

  out.push(heading('Data completeness (share of rows with each field present)'))
  const leads = parseRecords(LeadSchema, readSampleCsv('leads.csv')).records
  const leadQuality = dataCompleteness(leads, {
    fields: { ownerId: 'present', source: 'present', contactedAt: 'present' },
  })
  const open = deals.filter((deal) => deal.status === 'open')
  const dealQuality = dataCompleteness(open, {
    fields: {
      amount: 'present',
      expectedCloseAt: 'present',
      probability: 'present',
      accountId: 'present',
    },
  })
  out.push(
    table(
      ['records', 'rows', 'field', 'present', 'complete rows'],
      [
        ...leadQuality.fields.map((field) => [
          'leads',
          String(leadQuality.n),
          field.field,
          percent(field.share),
          percent(leadQuality.completeShare),
        ]),
        ...dealQuality.fields.map((field) => [
          'open deals',
          String(dealQuality.n),
          field.field,
          percent(field.share),
          percent(dealQuality.completeShare),
        ]),
      ],
    ),
  )
  return out.join('\n')
}
