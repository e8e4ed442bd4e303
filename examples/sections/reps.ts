import {
  type Activity,
  activityCounts,
  averageDealSize,
  bookingsFromOpportunities,
  pipelineHygiene,
  type Quota,
  quotaAttainment,
  type RepScorecardSources,
  repOutcomeRates,
  repScorecard,
} from 'cx-metrics'
import { ActivitySchema, LeadSchema, parseRecords, QuotaSchema } from 'cx-metrics/schemas'
import { fixed, heading, percent, range, table } from '../lib/format.js'
import { COMPANY_TIME_ZONE, readSampleCsv } from '../lib/sampleData.js'
import { AS_OF } from './pipeline.js'
import { sampleDeals } from './sales.js'

const money = (value: { toFixed(digits: number): string } | null) =>
  value === null ? '—' : Number(value.toFixed(0)).toLocaleString('en-US')

/** The quarters the scorecard compares: the last complete one and the one before. */
const QUARTERS = [
  { label: '2026-Q2', from: '2026-04', to: '2026-06', start: '2026-04-01', end: '2026-07-01' },
  { label: '2026-Q3', from: '2026-07', to: '2026-09', start: '2026-07-01', end: '2026-10-01' },
] as const

type Quarter = (typeof QUARTERS)[number]

/** New York midnight at the start of 1 April, 1 July or 1 October: daylight time, UTC−4. */
const newYorkMidnight = (date: string) => new Date(`${date}T00:00:00-04:00`)

/** Everything the rep scorecard reads for one quarter. */
function quarterSources(
  quarter: Quarter,
  activities: readonly Activity[],
  quotas: readonly Quota[],
): RepScorecardSources {
  const deals = sampleDeals()
  const leads = parseRecords(LeadSchema, readSampleCsv('leads.csv')).records
  const start = newYorkMidnight(quarter.start)
  const end = newYorkMidnight(quarter.end)
  const inQuarter = (at: Date | undefined) => at !== undefined && at >= start && at < end
  const won = deals.filter((deal) => deal.status === 'won' && inQuarter(deal.closedAt))
  return {
    outcomes: repOutcomeRates(
      { leads, opportunities: deals, activities },
      { from: quarter.from, to: quarter.to, timeZone: COMPANY_TIME_ZONE, asOf: end },
    ),
    quotaAttainment: quotaAttainment(
      quotas.filter((quota) => String(quota.periodStart) === quarter.start),
      bookingsFromOpportunities(won),
      { timeZone: COMPANY_TIME_ZONE },
    ),
    activityCounts: activityCounts(
      activities.filter((activity) => inQuarter(activity.at)),
      { by: (activity) => activity.ownerId },
    ),
    averageDealSize: averageDealSize(won, { by: (deal) => deal.ownerId ?? null }),
  }
}

/** The rep scorecard of the last complete quarter, with shrunk rates and the change on the quarter before. */
export function repScorecardReport(): string {
  const out: string[] = []
  const activities = parseRecords(ActivitySchema, readSampleCsv('activities.csv'), {
    onInvalid: 'collect',
  }).records
  const quotas = parseRecords(QuotaSchema, readSampleCsv('quotas.csv')).records
  const [previousQuarter, quarter] = QUARTERS
  const sources = quarterSources(quarter, activities, quotas)
  const previous = quarterSources(previousQuarter, activities, quotas)

  out.push(
    heading(
      `Rep outcome rates, ${quarter.label} (raw → shrunk toward the team, empirical-Bayes beta-binomial; 95 % posterior interval)`,
    ),
  )
  const rate = (
    value: { rate: number | null; shrunk: number | null; successes: number; trials: number } | null,
  ) =>
    value === null
      ? '—'
      : `${value.successes}/${value.trials} ${percent(value.rate, 0)} → ${percent(value.shrunk, 0)}`
  out.push(
    table(
      ['rep', 'win rate', 'win 95 % CI (%)', 'win rank', 'proposals → won', 'lead conversion'],
      (sources.outcomes?.rows ?? []).map((row) => [
        String(row.group),
        rate(row.result.winRate),
        range(
          row.result.winRate?.lower == null ? null : 100 * row.result.winRate.lower,
          row.result.winRate?.upper == null ? null : 100 * row.result.winRate.upper,
          0,
        ),
        String(row.result.winRate?.rank ?? '—'),
        rate(row.result.proposalsToWin),
        rate(row.result.leadConversionRate),
      ]),
    ),
  )
  const team = sources.outcomes?.team.winRate
  out.push(
    `Team win rate ${percent(team?.pooledRate ?? null)}; prior ` +
      (team?.prior == null
        ? 'none (no spread beyond chance: every rep gets the team rate)'
        : `Beta(${fixed(team.prior.alpha, 2)}, ${fixed(team.prior.beta, 2)})`) +
      '.',
  )

  out.push(
    heading(
      `Rep scorecard, ${quarter.label} (0–100; quota 2, win rate 2, others 1; change on ${previousQuarter.label})`,
    ),
  )
  const { rows } = repScorecard({ ...sources, previous })
  out.push(
    table(
      ['rank', 'rep', 'score', 'band', 'change', 'biggest mover', 'quota', 'deal size'],
      [...rows]
        .sort((a, b) => (a.result.rank ?? Infinity) - (b.result.rank ?? Infinity))
        .map((row) => {
          const attainment = sources.quotaAttainment?.rows.find((r) => r.ownerId === row.group)
          const size = sources.averageDealSize?.find((r) => r.group === row.group)
          const mover = row.result.biggestMover
          return [
            String(row.result.rank ?? '—'),
            String(row.group),
            fixed(row.result.score),
            row.result.band ?? '—',
            row.result.change === null
              ? '—'
              : `${row.result.change >= 0 ? '+' : ''}${fixed(row.result.change)}`,
            mover === null
              ? '—'
              : `${mover.name} ${mover.pointsChange >= 0 ? '+' : ''}${fixed(mover.pointsChange)}`,
            percent(attainment?.attainment ?? null, 0),
            money(size?.result.mean ?? null),
          ]
        }),
    ),
  )
  return out.join('\n')
}

/** Pipeline hygiene of the open deals as of the demo's "now": flags per rule, score per owner, worst deals. */
export function hygieneReport(): string {
  const out: string[] = []
  const deals = sampleDeals()
  const activities = parseRecords(ActivitySchema, readSampleCsv('activities.csv'), {
    onInvalid: 'collect',
  }).records
  const hygiene = pipelineHygiene(deals, {
    asOf: AS_OF,
    timeZone: COMPANY_TIME_ZONE,
    activities,
    stageProbabilities: { Discovery: 0.1, Qualification: 0.25, Proposal: 0.5, Negotiation: 0.75 },
    rules: { 'no-recent-activity': { withinDays: 30 } },
  })
  out.push(
    heading(
      `Pipeline hygiene as of ${AS_OF.toISOString().slice(0, 10)} (share of open amount on deals without a flag)`,
    ),
  )
  out.push(
    `${hygiene.open} open deals, ${hygiene.flagged} flagged: hygiene score ${percent(hygiene.score)} ` +
      `by amount (${money(hygiene.cleanAmount)} of ${money(hygiene.openAmount)}), ${percent(hygiene.scoreByCount)} by count.`,
  )
  out.push(
    table(
      ['rule', 'deals flagged', 'amount flagged'],
      hygiene.rules.map((rule) => [
        rule.rule,
        rule.enabled ? String(rule.flagged) : `off: ${rule.reason}`,
        rule.enabled ? money(rule.flaggedAmount) : '—',
      ]),
    ),
  )
  out.push(
    table(
      ['owner', 'open', 'flagged', 'score (amount)', 'score (count)'],
      hygiene.byOwner.map((row) => [
        String(row.group),
        String(row.result.open),
        String(row.result.flagged),
        percent(row.result.score),
        percent(row.result.scoreByCount),
      ]),
    ),
  )
  const worst = [...hygiene.deals]
    .filter((deal) => deal.flags.length > 0)
    .sort((a, b) => b.flags.length - a.flags.length || a.id.localeCompare(b.id))
    .slice(0, 4)
  out.push('Deals with the most flags:')
  for (const deal of worst)
    out.push(`  ${deal.id} (${deal.ownerId}): ${deal.flags.map((flag) => flag.detail).join('; ')}`)
  return out.join('\n')
}
