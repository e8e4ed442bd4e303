import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseCsv } from '../examples/lib/csv.js'
import { readSampleCsv, sampleDataPath } from '../examples/lib/sampleData.js'
import { cxReport, dashboardData } from '../examples/sections/cx.js'
import { forecastReport } from '../examples/sections/forecast.js'
import { leadToQuoteReport } from '../examples/sections/leadToQuote.js'
import { pipelineReport } from '../examples/sections/pipeline.js'
import { hygieneReport, repScorecardReport } from '../examples/sections/reps.js'
import { retentionReport } from '../examples/sections/retention.js'
import {
  accountGrowthReport,
  generationReport,
  revenueAgainstTargetReport,
} from '../examples/sections/sales.js'
import { surveyReport } from '../examples/sections/survey.js'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('README quick start', () => {
  it('shows examples/quickstart.ts verbatim', () => {
    const readme = readFileSync('README.md', 'utf8')
    const quickstart = readFileSync('examples/quickstart.ts', 'utf8')
    const block = readme.split('<!-- quickstart')[1]?.split('```ts\n')[1]?.split('```')[0]
    expect(block).toBe(quickstart)
  })

  it('runs and prints the values its comments promise', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      lines.push(
        parts.map((part) => (Array.isArray(part) ? JSON.stringify(part) : String(part))).join(' '),
      )
    })
    await import('../examples/quickstart.js')
    // 6 promoters, 2 passives, 2 detractors of 10 → 40. Interval and p-value: the
    // adjusted-Wald formulas evaluated independently in Python (−12.5856, 74.1240; p 0.2210):
    // test/reference/nps_intervals.py, "examples quickstart …".
    expect(lines).toEqual(['40', '-12.6 74.1', '0.221', '0.8', 'SCORE_OUT_OF_RANGE [1]'])
  })
})

describe('sample data and the demo', () => {
  it('reads quoted CSV fields, embedded commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, ""y""",2\r\n')).toEqual([{ a: 'x, "y"', b: '2' }])
  })

  it('reports the NPS of the valid rows and every rejected row', () => {
    const rows = readSampleCsv('survey-responses.csv')
    // An independent count over the raw CSV: valid rows have a 0–10 integer score and a real date.
    const valid = rows.filter(
      (row) =>
        /^(10|[0-9])$/.test(row.score ?? '') &&
        !Number.isNaN(Date.parse(row.respondedAt ?? '')) &&
        !row.respondedAt?.startsWith('2026-04-31'),
    )
    const promoters = valid.filter((row) => Number(row.score) >= 9).length
    const detractors = valid.filter((row) => Number(row.score) <= 6).length
    const expected = ((100 * (promoters - detractors)) / valid.length).toFixed(1)
    const report = surveyReport()
    expect(report).toContain(
      `${valid.length} responses read, ${rows.length - valid.length} rows rejected`,
    )
    expect(rows.length - valid.length).toBe(3)
    expect(report).toContain(`NPS ${expected}`)
    expect(report).toContain('line 39 (R-BAD-1): score')
  })

  it('reports the yearly gross and net revenue retention of the sample MRR export', () => {
    // Independent of the library: per account, December vs November MRR in integer cents.
    const rows = readSampleCsv('account-revenue.csv')
    const cents = (text: string) => Math.round(Number(text) * 100)
    const months = [...new Set(rows.map((row) => row.month))].sort()
    const at = (month: string) =>
      new Map(
        rows.filter((row) => row.month === month).map((row) => [row.accountId, cents(row.amount!)]),
      )
    const first = at(months[0]!)
    const last = at(months.at(-1)!)
    let start = 0
    let lost = 0
    let kept = 0
    for (const [account, amount] of first) {
      const end = last.get(account) ?? 0
      start += amount
      lost += Math.max(0, amount - end)
      kept += end
    }
    const report = retentionReport()
    expect(report).toContain(`GRR ${((100 * (start - lost)) / start).toFixed(1)} %`)
    expect(report).toContain(`NRR ${((100 * kept) / start).toFixed(1)} %`)
    expect(report).toContain('1236 MRR rows over 12 months, 0 rejected.')
  })

  it('reports the overall win rate and the open pipeline of the sample opportunities', () => {
    // Independent of the library: count statuses in the raw JSON, add open amounts in cents.
    const raw = JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as {
      status: string
      amount: string
    }[]
    const won = raw.filter((deal) => deal.status === 'won').length
    const lost = raw.filter((deal) => deal.status === 'lost').length
    const openCents = raw
      .filter((deal) => deal.status === 'open')
      .reduce((sum, deal) => sum + Math.round(Number(deal.amount) * 100), 0)
    const report = pipelineReport()
    expect(report).toMatch(
      new RegExp(`all\\s+${won}\\s+${lost}\\s+${((100 * won) / (won + lost)).toFixed(1)} %`),
    )
    expect(report).toContain(`open pipeline ${Math.round(openCents / 100).toLocaleString('en-US')}`)
  })

  it('judges the last commit call made 14 days before the quarter ends', () => {
    // Q1 ends 1 April 00:00 in New York (04:00Z); minus 14 days: 18 March 04:00Z. The calls are
    // made 10, 6 and 2 weeks before the last day at 17:00Z: the 17 March call is the last in time.
    const call = readSampleCsv('forecast-submissions.csv').find(
      (row) =>
        row.ownerId === 'rep-ana' &&
        row.category === 'commit' &&
        row.submittedAt === '2026-03-17T17:00:00Z',
    )!
    const shown = Math.round(Number(call.amount)).toLocaleString('en-US')
    expect(forecastReport()).toMatch(new RegExp(`rep-ana\\s+2026-01\\s+${shown}\\s`))
  })

  it('counts quoted and waiting leads, and the working days left in the year', () => {
    // Independent of the library: a lead is quoted when some quote for it is not older than it.
    const leads = readSampleCsv('leads.csv')
    const quotes = readSampleCsv('quotes.csv')
    const quoted = leads.filter((lead) =>
      quotes.some((q) => q.leadId === lead.id && q.createdAt! >= lead.createdAt!),
    ).length
    const report = leadToQuoteReport()
    expect(report).toMatch(
      new RegExp(`all\\s+${leads.length}\\s+${quoted}\\s+${leads.length - quoted}\\s`),
    )
    // 27 Nov – 31 Dec 2026 by hand: 25 weekdays less Christmas Day.
    expect(report).toContain('(NETWORKDAYS, US holidays): 24.')
  })

  it('builds the dashboard: the CX score is the weighted mean of the min–max positions, accounts are all banded', () => {
    const data = dashboardData()
    const scales: Record<string, [number, number, number]> = {
      'NPS (last quarter)': [-100, 100, 3],
      'CSAT (last quarter)': [0, 1, 2],
      'CES (last quarter)': [1, 7, 1],
      'Gross revenue retention (12 months)': [0.5, 1, 2],
      'Win rate': [0, 1, 1],
      'Quotes within 24 business hours': [0, 1, 1],
    }
    let weighted = 0
    for (const contribution of data.cxScore.contributions) {
      const [min, max, weight] = scales[contribution.name]!
      weighted += weight * (((contribution.value as number) - min) / (max - min))
    }
    expect(data.cxScore.score).toBeCloseTo((100 * weighted) / 10, 9)
    const revenueAccounts = new Set(
      readSampleCsv('account-revenue.csv')
        .filter((row) => row.month === '2026-11-01')
        .map((row) => row.accountId),
    )
    const counts = data.accountHealth.counts as Record<string, number>
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(revenueAccounts.size)
    expect(cxReport(data)).toContain(`CX score ${data.cxScore.score!.toFixed(1)}`)
    expect(JSON.parse(JSON.stringify(data)).headlines.winRate).toBe(data.headlines.winRate)
  })
})

describe('the sales sections of the demo (issue 14)', () => {
  interface RawDeal {
    id: string
    status: string
    amount: string
    ownerId: string
    closedAt?: string
  }
  const rawDeals = () =>
    JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as RawDeal[]
  /** The New York calendar date of an instant, read with Intl (not the library's code). */
  const newYorkDate = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(iso))

  it('shows each rep’s quarter attainment as booked cents over quota cents', () => {
    const quotas = readSampleCsv('quotas.csv')
    const report = revenueAgainstTargetReport()
    expect(report).toContain('24 quotas read, 0 rejected.')
    for (const ownerId of ['rep-ana', 'rep-farid']) {
      const cells = quotas
        .filter((quota) => quota.ownerId === ownerId)
        .map((quota) => {
          const booked = rawDeals()
            .filter(
              (deal) =>
                deal.status === 'won' &&
                deal.ownerId === ownerId &&
                newYorkDate(deal.closedAt!) >= quota.periodStart! &&
                newYorkDate(deal.closedAt!) <= quota.periodEnd!,
            )
            .reduce((sum, deal) => sum + Math.round(Number(deal.amount) * 100), 0)
          return `${((100 * booked) / Math.round(Number(quota.amount) * 100)).toFixed(0)} %`
        })
      expect(report).toMatch(new RegExp(`${ownerId}\\s+${cells.join('\\s+')}\\n`))
    }
  })

  it('classes the accounts of the year by their first and last MRR', () => {
    // Independent of the library: December 2025 vs November 2026 MRR per account in cents.
    const rows = readSampleCsv('account-revenue.csv')
    const at = (month: string) =>
      new Map(
        rows
          .filter((row) => row.month === month)
          .map((row) => [row.accountId!, Math.round(Number(row.amount) * 100)]),
      )
    const start = at('2025-12-01')
    const end = at('2026-11-01')
    const counts = { expanded: 0, flat: 0, contracted: 0, churned: 0, new: 0 }
    for (const id of new Set([...start.keys(), ...end.keys()])) {
      const s = start.get(id) ?? 0
      const e = end.get(id) ?? 0
      if (s === 0) counts.new++
      else if (e === 0) counts.churned++
      else if (Math.abs(e - s) <= 0.02 * s) counts.flat++
      else if (e > s) counts.expanded++
      else counts.contracted++
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    expect(accountGrowthReport()).toContain(
      `${total} accounts: ${counts.expanded} expanded, ${counts.flat} flat, ` +
        `${counts.contracted} contracted, ${counts.churned} churned, ${counts.new} new.`,
    )
  })

  it('counts each rep’s fourth-quarter activities by type and reports the broken row', () => {
    const rows = readSampleCsv('activities.csv').filter(
      (row) => row.at! >= '2026-10-01T04:00:00Z' && !row.durationMinutes?.startsWith('-'),
    )
    const of = (ownerId: string, type: string) =>
      rows.filter((row) => row.ownerId === ownerId && row.type === type).length
    const minutes = rows
      .filter(
        (row) => row.ownerId === 'rep-dev' && ['meeting', 'visit', 'demo'].includes(row.type!),
      )
      .reduce((sum, row) => sum + Number(row.durationMinutes || 0), 0)
    const types = ['call', 'email', 'meeting', 'visit', 'demo', 'proposal-sent']
    const report = generationReport()
    expect(report).toContain('1 rejected (line 502: durationMinutes)')
    expect(report).toMatch(
      new RegExp(
        `rep-dev\\s+${types.map((type) => of('rep-dev', type)).join('\\s+')}\\s+${(minutes / 60).toFixed(1)}\\n`,
      ),
    )
  })

  it('shows each rep’s raw third-quarter win count and a shrunk rate between it and the team rate', () => {
    // Independent of the library: decided deals closed in 2026-Q3 (New York dates) per owner.
    const decided = rawDeals().filter(
      (deal) =>
        deal.status !== 'open' &&
        newYorkDate(deal.closedAt!) >= '2026-07-01' &&
        newYorkDate(deal.closedAt!) <= '2026-09-30',
    )
    const teamRate = decided.filter((deal) => deal.status === 'won').length / decided.length
    const report = repScorecardReport()
    for (const ownerId of ['rep-ana', 'rep-ben', 'rep-dev']) {
      const mine = decided.filter((deal) => deal.ownerId === ownerId)
      const won = mine.filter((deal) => deal.status === 'won').length
      const raw = won / mine.length
      const line = report.split('\n').find((text) => text.startsWith(ownerId))!
      const match = line.match(/^\S+\s+(\d+)\/(\d+) (\d+) % → (\d+) %/)!
      expect([Number(match[1]), Number(match[2]), Number(match[3])]).toEqual([
        won,
        mine.length,
        Math.round(100 * raw),
      ])
      // Shrinkage moves a rate toward the team rate, never past it (the SPEC formula).
      const shrunk = Number(match[4]) / 100
      expect(shrunk).toBeGreaterThanOrEqual(Math.min(raw, teamRate) - 0.005)
      expect(shrunk).toBeLessThanOrEqual(Math.max(raw, teamRate) + 0.005)
    }
    expect(report).toContain(`Team win rate ${(100 * teamRate).toFixed(1)} %`)
  })

  it('flags the open deals whose planned close date is before the demo’s New York date', () => {
    const open = (
      JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as {
        status: string
        expectedCloseAt?: string
        closeDateHistory: { value: string }[]
      }[]
    ).filter((deal) => deal.status === 'open')
    // AS_OF is 2026-11-27T00:00Z: 26 November in New York.
    const passed = open.filter((deal) => deal.expectedCloseAt! < '2026-11-26').length
    // Pushed: the planned date moved later at least twice (the rule's default).
    const pushed = open.filter((deal) => {
      let later = 0
      for (let i = 1; i < deal.closeDateHistory.length; i++)
        if (deal.closeDateHistory[i]!.value > deal.closeDateHistory[i - 1]!.value) later++
      return later >= 2
    }).length
    const report = hygieneReport()
    expect(report).toContain(`${open.length} open deals,`)
    expect(report).toMatch(new RegExp(`close-date-passed\\s+${passed}\\s`))
    expect(report).toMatch(new RegExp(`close-date-pushed\\s+${pushed}\\s`))
  })
})
