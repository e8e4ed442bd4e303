import { readFileSync } from 'node:fs'
import {
  leadContactRate,
  leadConversionRate,
  type MoneyInput,
  type Opportunity,
  pipelineCoverage,
  rankOpportunities,
  requiredPipelineCoverage,
  salesCycleDays,
  salesVelocity,
  stageConversion,
  stalledOpportunities,
  sumMoney,
  weightedPipeline,
  winRate,
} from 'cx-metrics'
import { LeadSchema, OpportunitySchema, parseRecords } from 'cx-metrics/schemas'
import { fixed, heading, percent, range, table } from '../lib/format.js'
import { readSampleCsv, sampleDataPath } from '../lib/sampleData.js'

const STAGES = ['Discovery', 'Qualification', 'Proposal', 'Negotiation'] as const
/** "Now" for the sample data: the library never reads the clock. */
export const AS_OF = new Date('2026-11-27T00:00:00Z')

const money = (value: number | { toFixed(digits: number): string } | null) =>
  value === null ? '—' : Number(value.toFixed(0)).toLocaleString('en-US')

/** The pipeline report of the sample data: funnel, win rates, velocity, coverage, coaching list, leads. */
/** The deals' amounts; every deal of the sample data has one (a deal without one is an error here). */
function amountsOf(deals: readonly Opportunity[]): MoneyInput[] {
  return deals.map((deal) => {
    if (deal.amount === undefined) throw new Error(`deal ${deal.id} has no amount`)
    return deal.amount
  })
}

export function pipelineReport(): string {
  const out: string[] = []
  const raw = JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as unknown[]
  const { records: deals, rejected } = parseRecords(OpportunitySchema, raw, {
    onInvalid: 'collect',
  })

  out.push(heading('Pipeline funnel (next-step and cumulative conversion)'))
  out.push(`${deals.length} opportunities read, ${rejected.length} rejected.`)
  const nextStep = stageConversion(deals, { stages: STAGES })
  const cumulative = stageConversion(deals, { stages: STAGES, mode: 'cumulative' })
  out.push(
    table(
      ['stage', 'reached', 'advanced', 'open', 'next step', '95 % CI', 'from first'],
      nextStep.map((row, index) => [
        row.stage,
        String(row.reached),
        String(row.advanced),
        String(row.open),
        percent(row.rate),
        range(
          row.interval && 100 * row.interval.lower,
          row.interval && 100 * row.interval.upper,
          0,
        ),
        percent(cumulative[index]?.rate ?? null),
      ]),
    ),
  )
  out.push(
    '(the last stage advances to won; skipped stages count as passed; open deals are left out of their stage)',
  )

  out.push(heading('Win rate by segment (won / closed)'))
  const segments = [...new Set(deals.map((deal) => deal.segment ?? '(none)'))].sort()
  const bySegment = (segment: string | null) =>
    deals.filter((deal) => segment === null || (deal.segment ?? '(none)') === segment)
  out.push(
    table(
      ['segment', 'won', 'lost', 'win rate', '95 % CI (%)', 'by amount', 'cycle (days, median)'],
      [...segments, null].map((segment) => {
        const subset = bySegment(segment)
        const count = winRate(subset)
        return [
          segment ?? 'all',
          String(count.won),
          String(count.lost),
          percent(count.rate),
          range(
            count.interval && 100 * count.interval.lower,
            count.interval && 100 * count.interval.upper,
          ),
          percent(winRate(subset, { by: 'amount' }).rate),
          fixed(salesCycleDays(subset, { statistic: 'median' })),
        ]
      }),
    ),
  )

  const open = deals.filter((deal) => deal.status === 'open')
  const won = deals.filter((deal) => deal.status === 'won')
  const rate = winRate(deals).rate
  const cycle = salesCycleDays(deals)
  const averageDealSize = won.length === 0 ? 0 : sumMoney(amountsOf(won)).div(won.length)
  const velocity = salesVelocity({
    opportunities: open.length,
    averageDealSize,
    winRate: rate,
    salesCycleDays: cycle,
  })
  const openPipeline = sumMoney(amountsOf(open))
  const quota = 1_500_000
  const wonThisQuarter = sumMoney(
    amountsOf(
      won.filter(
        (deal: Opportunity) =>
          deal.closedAt !== undefined && deal.closedAt >= new Date('2026-10-01T00:00:00Z'),
      ),
    ),
  )
  const remaining = wonThisQuarter.gte(quota)
    ? sumMoney([])
    : sumMoney([quota]).minus(wonThisQuarter)
  out.push(heading('Velocity and coverage'))
  out.push(
    `Sales velocity: ${open.length} open × ${money(averageDealSize)} average won deal × ${percent(rate)} win rate / ` +
      `${fixed(cycle)} days mean cycle = ${money(velocity)} USD per day.`,
  )
  out.push(
    `Q4 2026: quota ${money(quota)}, won ${money(wonThisQuarter)}, remaining ${money(remaining)}; ` +
      `open pipeline ${money(openPipeline)} = ${fixed(pipelineCoverage({ openPipeline, remainingQuota: remaining }))}× coverage ` +
      `(a ${percent(rate)} win rate needs ${fixed(requiredPipelineCoverage(rate))}×); weighted pipeline ${money(weightedPipeline(deals))}.`,
  )

  out.push(
    heading(
      `Stalled deals as of ${AS_OF.toISOString().slice(0, 10)} (past the stage's 90th percentile)`,
    ),
  )
  const stalled = stalledOpportunities(deals, { asOf: AS_OF })
  out.push(
    table(
      ['deal', 'stage', 'days in stage', 'p90 of stage', 'owner'],
      stalled
        .slice(0, 6)
        .map((deal) => [
          deal.id,
          deal.stage,
          fixed(deal.daysInStage),
          fixed(deal.thresholdDays),
          deal.ownerId ?? '—',
        ]),
    ),
  )
  out.push(`${stalled.length} stalled of ${open.length} open deals.`)

  out.push(heading('Coaching list: open deals by expected value'))
  for (const deal of rankOpportunities(deals, { asOf: AS_OF, stages: STAGES }).slice(0, 5)) {
    out.push(`${deal.rank}. ${deal.id} (${deal.ownerId ?? 'unassigned'}): ${deal.reason}`)
  }

  const { records: leads } = parseRecords(LeadSchema, readSampleCsv('leads.csv'))
  const converted = leadConversionRate(leads, { withinDays: 30, asOf: AS_OF, groupBy: 'source' })
  const contacted = leadContactRate(leads, { withinDays: 1, asOf: AS_OF, groupBy: 'source' })
  out.push(heading('Lead generation by source (leads old enough to judge)'))
  out.push(
    table(
      ['source', 'judged', 'contacted ≤ 1 day', 'converted ≤ 30 days', '95 % CI (%)'],
      [...converted.rows, { ...converted, group: 'all' }].map((row) => {
        const contact =
          row.group === 'all' ? contacted : contacted.rows.find((r) => r.group === row.group)
        return [
          row.group ?? '(none)',
          String(row.judged),
          percent(contact?.rate ?? null),
          percent(row.rate),
          range(
            row.lower === null ? null : 100 * row.lower,
            row.upper === null ? null : 100 * row.upper,
          ),
        ]
      }),
    ),
  )
  return out.join('\n')
}
