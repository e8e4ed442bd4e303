import { readFileSync } from 'node:fs'
import {
  type AccountRevenue,
  actualsFromOpportunities,
  cesComponent,
  csat,
  csatComponent,
  customerEffortScore,
  cxScore,
  forecastAccuracyByPeriod,
  grossRevenueRetention,
  healthScorecard,
  leadToQuoteSummary,
  leadToQuoteTimes,
  netPromoterScore,
  netRevenueRetention,
  npsComponent,
  npsInterval,
  retentionComponent,
  revenueMovements,
  winRate,
  winRateComponent,
} from 'cx-metrics'
import {
  AccountRevenueSchema,
  csvIntegerSchema,
  ForecastSubmissionSchema,
  InstantSchema,
  LeadSchema,
  OpportunitySchema,
  parseRecords,
  QuoteSchema,
  SurveyResponseSchema,
} from 'cx-metrics/schemas'
import * as z from 'zod'
import { fixed, heading, percent, range, table } from '../lib/format.js'
import { readSampleCsv, sampleDataPath } from '../lib/sampleData.js'
import { SALES_CALENDAR } from './leadToQuote.js'
import { AS_OF } from './pipeline.js'

const QUARTER_START = new Date('2026-09-01T00:00:00Z')
const HALF_START = new Date('2026-06-01T00:00:00Z')

/** The headline numbers of the sample data and the composite CX score built from them. */
export function dashboardData() {
  const responses = parseRecords(SurveyResponseSchema, readSampleCsv('survey-responses.csv'), {
    onInvalid: 'collect',
  }).records
  const surveyRows = readSampleCsv('survey-responses.csv')
  const accountOfResponse = new Map(
    surveyRows.map((row) => [`${row.respondedAt}|${row.score}|${row.segment}`, row.accountId]),
  )
  const ratings = parseRecords(
    z.object({
      accountId: z.string(),
      ratedAt: InstantSchema,
      csat: csvIntegerSchema(1, 5),
      ces: z.union([z.literal(''), csvIntegerSchema(1, 7)]),
    }),
    readSampleCsv('support-ratings.csv'),
  ).records
  const revenue = readSampleCsv('account-revenue.csv')
  const months = [...new Set(revenue.map((row) => row.month!))].sort()
  const snapshot = (month: string): AccountRevenue[] =>
    parseRecords(
      AccountRevenueSchema,
      revenue.filter((row) => row.month === month),
    ).records
  const year = revenueMovements(snapshot(months[0]!), snapshot(months.at(-1)!))
  const deals = parseRecords(
    OpportunitySchema,
    JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[],
  ).records
  const leads = parseRecords(LeadSchema, readSampleCsv('leads.csv')).records
  const quotes = parseRecords(QuoteSchema, readSampleCsv('quotes.csv')).records
  const calls = parseRecords(
    ForecastSubmissionSchema,
    readSampleCsv('forecast-submissions.csv'),
  ).records

  const recentScores = responses.filter((r) => r.respondedAt >= QUARTER_START).map((r) => r.score)
  const nps = npsInterval(recentScores)
  const satisfaction = csat(ratings.filter((r) => r.ratedAt >= QUARTER_START).map((r) => r.csat))
  const effort = customerEffortScore(
    ratings.filter((r) => r.ratedAt >= QUARTER_START && r.ces !== '').map((r) => r.ces as number),
  )
  const grr = grossRevenueRetention(year)
  const wins = winRate(deals)
  const quoting = leadToQuoteSummary(leads, quotes, {
    asOf: AS_OF,
    calendar: SALES_CALENDAR,
    unit: 'business-hours',
    target: 24,
  })
  const forecast = forecastAccuracyByPeriod(calls, actualsFromOpportunities(deals), {
    leadTimeDays: 14,
    groupBy: 'none',
    timeZone: 'America/New_York',
  }).groups[0]

  // Standard errors for the interval: the CES mean's is s/√n; GRR covers every account (a
  // census, not a sample), so its error is 0; the SLA share is binomial over the judged leads.
  const efforts = ratings
    .filter((r) => r.ratedAt >= QUARTER_START && r.ces !== '')
    .map((r) => r.ces as number)
  const effortMean = efforts.reduce((sum, value) => sum + value, 0) / efforts.length
  const effortVariance =
    efforts.reduce((sum, value) => sum + (value - effortMean) ** 2, 0) / (efforts.length - 1)
  const times = leadToQuoteTimes(leads, quotes, {
    asOf: AS_OF,
    calendar: SALES_CALENDAR,
    unit: 'business-hours',
  })
  const judged = times.filter((row) => !row.censored || row.duration > 24).length
  const sla = quoting.slaAttainment ?? null
  const composite = cxScore([
    npsComponent(nps, { name: 'NPS (last quarter)', weight: 3 }),
    csatComponent(satisfaction, { name: 'CSAT (last quarter)', weight: 2 }),
    cesComponent(effort, {
      name: 'CES (last quarter)',
      weight: 1,
      standardError: Math.sqrt(effortVariance / efforts.length),
    }),
    retentionComponent(grr, {
      name: 'Gross revenue retention (12 months)',
      weight: 2,
      range: [0.5, 1],
      standardError: 0,
    }),
    winRateComponent(wins, { name: 'Win rate', weight: 1 }),
    retentionComponent(sla, {
      name: 'Quotes within 24 business hours',
      weight: 1,
      standardError: sla === null ? null : Math.sqrt((sla * (1 - sla)) / judged),
    }),
  ])

  // Account health: recent NPS, recent CSAT and MRR trend per account, against the half-year before.
  const byAccount = (from: Date, to: Date) => {
    const result = new Map<string, { scores: number[]; csat: number[] }>()
    const entry = (id: string) =>
      result.get(id) ??
      (result.set(id, { scores: [], csat: [] }).get(id) as { scores: number[]; csat: number[] })
    for (const response of responses) {
      if (response.respondedAt < from || response.respondedAt >= to) continue
      const id = accountOfResponse.get(
        `${response.respondedAt.toISOString().replace('.000Z', 'Z')}|${response.score}|${response.segment}`,
      )
      if (id !== undefined) entry(id).scores.push(response.score)
    }
    for (const rating of ratings)
      if (rating.ratedAt >= from && rating.ratedAt < to)
        entry(rating.accountId).csat.push(rating.csat)
    return result
  }
  const now = byAccount(HALF_START, AS_OF)
  const before = byAccount(new Date('2025-12-01T00:00:00Z'), HALF_START)
  const mrr = (month: string) =>
    new Map(snapshot(month).map((row) => [row.accountId, Number(row.amount.toString())]))
  const [mrrNow, mrrHalf, mrrStart] = [mrr(months.at(-1)!), mrr(months[6]!), mrr(months[0]!)]
  const trend = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b === 0 ? null : Math.min(1.5, Math.max(0.5, a / b))
  const values = (
    period: Map<string, { scores: number[]; csat: number[] }>,
    id: string,
    growth: number | null,
  ) => {
    const entry = period.get(id)
    return {
      NPS:
        entry === undefined || entry.scores.length === 0
          ? null
          : netPromoterScore(entry.scores).score,
      CSAT: entry === undefined || entry.csat.length === 0 ? null : csat(entry.csat).score,
      'MRR trend': growth,
    }
  }
  const accountIds = [...mrrNow.keys()].sort()
  const health = healthScorecard({
    components: [
      { name: 'NPS', range: [-100, 100], weight: 2 },
      { name: 'CSAT', range: [0, 1], weight: 1 },
      { name: 'MRR trend', range: [0.5, 1.5], weight: 2 },
    ],
  })(
    accountIds.map((id) => ({
      id,
      values: values(now, id, trend(mrrNow.get(id), mrrHalf.get(id))),
      previous: values(before, id, trend(mrrHalf.get(id), mrrStart.get(id))),
    })),
  )

  return {
    asOf: AS_OF.toISOString(),
    cxScore: composite,
    headlines: {
      npsLastQuarter: {
        score: nps.score,
        lower: nps.lower,
        upper: nps.upper,
        responses: recentScores.length,
      },
      csatLastQuarter: satisfaction.score,
      cesLastQuarter: effort.score,
      grossRevenueRetention12Months: grr,
      netRevenueRetention12Months: netRevenueRetention(year),
      winRate: wins.rate,
      quoteSlaAttainment: quoting.slaAttainment ?? null,
      medianBusinessHoursToQuote: quoting.median,
      forecastAccuracy: forecast?.accuracy ?? null,
      forecastBias: forecast?.bias ?? null,
    },
    accountHealth: {
      counts: health.counts,
      lowest: [...health.accounts]
        .filter((account) => account.score !== null)
        .sort((a, b) => (a.score as number) - (b.score as number))
        .slice(0, 5)
        .map((account) => ({
          id: account.id,
          score: account.score,
          band: account.band,
          change: account.change,
          biggestMover: account.biggestMover,
        })),
    },
  }
}

/** The dashboard's headline: the composite CX score with its interval and contributions. */
export function cxReport(data: ReturnType<typeof dashboardData>): string {
  const { cxScore: score, accountHealth } = data
  const out: string[] = []
  out.push(heading('Customer-experience score (0–100)'))
  out.push(
    `CX score ${fixed(score.score)} — 95 % CI ${range(score.lower, score.upper)}${score.standardError === null ? ' (not all components carry an error)' : ''}; ` +
      `coverage ${percent(score.coverage, 0)} of the weight.`,
  )
  out.push(
    table(
      ['component', 'value', 'position', 'weight', 'points'],
      score.contributions.map((c) => [
        c.name,
        c.value === null ? '—' : Math.abs(c.value) > 1.5 ? fixed(c.value) : percent(c.value),
        percent(c.normalized, 0),
        percent(c.effectiveWeight, 0),
        fixed(c.points),
      ]),
    ),
  )
  const counts = accountHealth.counts
  out.push(
    `\nAccount health (NPS, CSAT and MRR trend of the last six months): ${counts.green ?? 0} green, ${counts.yellow ?? 0} yellow, ` +
      `${counts.red ?? 0} red, ${counts.unscored ?? 0} without data.`,
  )
  out.push(
    table(
      ['account', 'score', 'band', 'change', 'biggest mover'],
      accountHealth.lowest.map((a) => [
        a.id,
        fixed(a.score),
        a.band ?? '—',
        fixed(a.change),
        a.biggestMover === null
          ? '—'
          : `${a.biggestMover.name} ${a.biggestMover.pointsChange > 0 ? '+' : ''}${a.biggestMover.pointsChange.toFixed(1)} pts`,
      ]),
    ),
  )
  return out.join('\n')
}
