/**
 * examples/by-group-and-period.ts runs and prints, for every table, the numbers an
 * independent count over the raw sample files gives: plain loops, integer cents, and the
 * calendar month of each instant in New York from `Intl.DateTimeFormat` (not the library's
 * date-fns periods).
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { COMPANY_TIME_ZONE, readSampleCsv, sampleDataPath } from '../examples/lib/sampleData.js'

afterEach(() => {
  vi.restoreAllMocks()
})

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: COMPANY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
})
/** `'2026-03'`: the calendar month of an instant in New York. */
const monthOf = (iso: string) => {
  const parts = monthFormat.formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value
  return `${part('year')}-${part('month')}`
}
const quarterOf = (iso: string) => {
  const [year, month] = monthOf(iso).split('-')
  return `${year}-Q${Math.ceil(Number(month) / 3)}`
}
const rate = (numerator: number, denominator: number) =>
  denominator === 0 ? '—' : (numerator / denominator).toFixed(3)
const cents = (text: string) => Math.round(Number(text) * 100)
/** A cents amount as `Decimal#toString` prints it (no trailing zeros). */
const money = (amount: number) => String(amount / 100)

/** The printed lines between one heading and the next. */
function section(lines: readonly string[], heading: string): string[] {
  const start = lines.findIndex((line) => line.startsWith(heading))
  expect(start).toBeGreaterThanOrEqual(0)
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => /^[a-zA-Z ]+ (per|over) /.test(line) && line.includes(':'))
  return end < 0 ? rest : rest.slice(0, end)
}

interface RawDeal {
  status: string
  amount: string
  ownerId: string
  segment: string
  createdAt: string
  closedAt?: string
  stageHistory: { stage: string }[]
}

describe('examples/by-group-and-period.ts', async () => {
  const lines: string[] = []
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '))
  })
  await import('../examples/by-group-and-period.js')
  vi.restoreAllMocks()
  const deals = JSON.parse(readFileSync(sampleDataPath('opportunities.json'), 'utf8')) as RawDeal[]

  it('prints the win rate of each owner and quarter by count and by amount', () => {
    const cellsOf = new Map<
      string,
      { won: number; closed: number; wonCents: number; cents: number }
    >()
    for (const deal of deals) {
      if (deal.closedAt === undefined) continue
      const key = `${deal.ownerId} ${quarterOf(deal.closedAt)}`
      const cell = cellsOf.get(key) ?? { won: 0, closed: 0, wonCents: 0, cents: 0 }
      cell.closed++
      cell.cents += cents(deal.amount)
      if (deal.status === 'won') {
        cell.won++
        cell.wonCents += cents(deal.amount)
      }
      cellsOf.set(key, cell)
    }
    const expected = [...cellsOf].map(
      ([key, cell]) =>
        `${key} ${rate(cell.won, cell.closed)} ${cell.won}/${cell.closed} ${rate(cell.wonCents, cell.cents)}`,
    )
    const printed = section(lines, 'win rate per owner × quarter')
    expect([...printed].sort()).toEqual(expected.sort())
  })

  it('prints how many deals of each segment and quarter reached each stage, and won', () => {
    const stages = ['Discovery', 'Qualification', 'Proposal', 'Negotiation']
    const cellsOf = new Map<string, { reached: number[]; won: number }>()
    for (const deal of deals) {
      const key = `${deal.segment} ${quarterOf(deal.createdAt)}`
      const cell = cellsOf.get(key) ?? { reached: [0, 0, 0, 0], won: 0 }
      // Furthest listed stage; a won deal passed them all.
      let furthest = -1
      for (const entry of deal.stageHistory) {
        furthest = Math.max(furthest, stages.indexOf(entry.stage))
      }
      if (deal.status === 'won') {
        furthest = stages.length - 1
        cell.won++
      }
      for (let stage = 0; stage <= furthest; stage++) cell.reached[stage]!++
      cellsOf.set(key, cell)
    }
    const expected = [...cellsOf].map(
      ([key, cell]) => `${key} ${cell.reached.join('/')} ${cell.won}`,
    )
    expect([...section(lines, 'funnel per segment × quarter')].sort()).toEqual(expected.sort())
  })

  it('prints CSAT and CES of each segment and month', () => {
    const csatCells = new Map<string, { satisfied: number; total: number }>()
    const cesCells = new Map<string, { sum: number; total: number }>()
    for (const row of readSampleCsv('support-ratings.csv')) {
      const key = `${row.segment} ${monthOf(row.ratedAt!)}`
      const satisfaction = csatCells.get(key) ?? { satisfied: 0, total: 0 }
      satisfaction.total++
      if (Number(row.csat) >= 4) satisfaction.satisfied++
      csatCells.set(key, satisfaction)
      if (row.ces === '') continue
      const effort = cesCells.get(key) ?? { sum: 0, total: 0 }
      effort.total++
      effort.sum += Number(row.ces)
      cesCells.set(key, effort)
    }
    expect([...section(lines, 'CSAT per segment × month')].sort()).toEqual(
      [...csatCells]
        .map(([key, c]) => `${key} ${rate(c.satisfied, c.total)} ${c.satisfied}/${c.total}`)
        .sort(),
    )
    expect([...section(lines, 'CES per segment × month')].sort()).toEqual(
      [...cesCells].map(([key, c]) => `${key} ${rate(c.sum, c.total)} ${c.total}`).sort(),
    )
  })

  // Per account MRR in cents per snapshot month.
  const revenue = readSampleCsv('account-revenue.csv')
  const months = [...new Set(revenue.map((row) => row.month!.slice(0, 7)))].sort()
  const snapshot = (month: string) =>
    new Map(
      revenue
        .filter((row) => row.month!.startsWith(month))
        .map((row) => [row.accountId!, cents(row.amount!)]),
    )

  /** Movements between two snapshots, by hand (accounts that paid before count as reactivated). */
  function movements(
    start: Map<string, number>,
    end: Map<string, number>,
    paidBefore: Set<string>,
  ) {
    const totals = { start: 0, new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 }
    let startCustomers = 0
    let kept = 0
    for (const account of new Set([...start.keys(), ...end.keys()])) {
      const s = start.get(account) ?? 0
      const e = end.get(account) ?? 0
      if (s > 0) {
        totals.start += s
        startCustomers++
        if (e === 0) totals.churn += s
        else {
          kept++
          if (e > s) totals.expansion += e - s
          else totals.contraction += s - e
        }
      } else if (e > 0) {
        if (paidBefore.has(account)) totals.reactivation += e
        else totals.new += e
      }
    }
    const lost = totals.contraction + totals.churn
    return {
      ...totals,
      grr: rate(totals.start - lost, totals.start),
      nrr: rate(totals.start + totals.expansion + totals.reactivation - lost, totals.start),
      logos: rate(kept, startCustomers),
    }
  }

  it('prints the monthly MRR movements, GRR, NRR and logo retention', () => {
    const expected: string[] = []
    const paidBefore = new Set<string>()
    for (let index = 1; index < months.length; index++) {
      const start = snapshot(months[index - 1]!)
      const m = movements(start, snapshot(months[index]!), paidBefore)
      expected.push(
        `${months[index]} ${money(m.start)} ${money(m.new)} ${money(m.expansion)} ${money(m.contraction)} ${money(m.churn)} ${m.grr} ${m.nrr} ${m.logos}`,
      )
      for (const [account, amount] of start) if (amount > 0) paidBefore.add(account)
    }
    expect(expected).toHaveLength(11)
    expect(section(lines, 'revenue retention per month')).toEqual(expected)
  })

  it('prints GRR and NRR over Q1 2026 per segment, between the December and March snapshots', () => {
    const segmentOf = new Map(readSampleCsv('accounts.csv').map((row) => [row.id!, row.segment!]))
    const december = snapshot('2025-12')
    const march = snapshot('2026-03')
    const expected = [...new Set(segmentOf.values())].flatMap((segment) => {
      const pick = (map: Map<string, number>) =>
        new Map([...map].filter(([account]) => segmentOf.get(account) === segment))
      const startOfSegment = pick(december)
      if (startOfSegment.size === 0) return []
      const m = movements(startOfSegment, pick(march), new Set())
      return [`${segment} 2026-01/2026-03 ${m.grr} ${m.nrr}`]
    })
    expect([...section(lines, 'revenue retention over Q1 2026')].sort()).toEqual(expected.sort())
  })
})
