/**
 * Issue 13, "Group and period any metric": each combination users asked for is ONE call of
 * `groupMetric` with the metric's aggregator, and gives the hand-counted number.
 */
import { describe, expect, it } from 'vitest'
import { groupMetric } from '../../src/core/groupMetric.js'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { stageConversionAggregator } from '../../src/pipeline/stageConversionAggregator.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { csatAggregator } from '../../src/survey/csatAggregator.js'
import { customerEffortScoreAggregator } from '../../src/survey/customerEffortScoreAggregator.js'
import { slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
import { at, ownedDeal } from './fixtures.js'

/** `[group, label, …values]` of each row, for compact comparisons. */
const cells = <T>(
  rows: readonly { group: unknown; period: { label: string } | null; result: T; n: number }[],
  pick: (result: T) => unknown[],
) => rows.map((row) => [row.group, row.period?.label, ...pick(row.result), row.n])

describe('win rate per owner × month (winRateAggregator)', () => {
  // Months of closedAt in New York. ben's loss closes 1 Feb 03:00 UTC = 31 Jan 22:00 in New York.
  //   ana Jan: won 100, lost 300        → count 1/2 = 0.5, amount 100/400 = 0.25
  //   ana Feb: won 50, open (skipped)   → count 1/1 = 1,   amount 1
  //   ben Jan: lost 200                 → count 0/1 = 0,   amount 0
  //   ben Feb: won 200                  → count 1,         amount 1
  const deals = [
    ownedDeal('won', { ownerId: 'ana', closedAt: at(1, 10), amount: 100 }),
    ownedDeal('lost', { ownerId: 'ana', closedAt: at(1, 20), amount: 300 }),
    ownedDeal('lost', { ownerId: 'ben', closedAt: new Date('2026-02-01T03:00:00Z'), amount: 200 }),
    ownedDeal('won', { ownerId: 'ana', closedAt: at(2, 5), amount: 50 }),
    ownedDeal('open', { ownerId: 'ana', createdAt: at(2, 7) }),
    ownedDeal('won', { ownerId: 'ben', closedAt: at(2, 14), amount: 200 }),
  ]
  const options = {
    value: (deal: (typeof deals)[number]) => deal,
    by: (deal: (typeof deals)[number]) => deal.ownerId,
    period: {
      date: (deal: (typeof deals)[number]) => deal.closedAt ?? deal.createdAt,
      unit: 'month' as const,
      timeZone: 'America/New_York',
    },
  }

  it('by count', () => {
    const rows = groupMetric(deals, winRateAggregator(), options)
    expect(cells(rows, (result) => [result.rate, Number(result.won), Number(result.lost)])).toEqual(
      [
        ['ana', '2026-01', 0.5, 1, 1, 2],
        ['ana', '2026-02', 1, 1, 0, 2],
        ['ben', '2026-01', 0, 0, 1, 1],
        ['ben', '2026-02', 1, 1, 0, 1],
      ],
    )
  })

  it('by amount', () => {
    const rows = groupMetric(deals, winRateAggregator({ by: 'amount' }), options)
    expect(cells(rows, (result) => [result.rate, String(result.won), String(result.lost)])).toEqual(
      [
        ['ana', '2026-01', 0.25, '100', '300', 2],
        ['ana', '2026-02', 1, '50', '0', 2],
        ['ben', '2026-01', 0, '0', '200', 1],
        ['ben', '2026-02', 1, '200', '0', 1],
      ],
    )
  })
})

describe('stage conversion per segment × month (stageConversionAggregator)', () => {
  // Stages A → B, month of createdAt (UTC).
  //   SMB Jan: won A→B, lost A        → A: reached 2, advanced 1 → 1/2; B: reached 1, won 1 → 1
  //   SMB Feb: lost A→B               → A: 1/1 = 1;                  B: reached 1, won 0 → 0
  //   Ent Jan: open A                 → A: reached 1, open 1 → base 0 → null (open excluded)
  const deals = [
    ownedDeal('won', { segment: 'SMB', createdAt: at(1, 3), stages: ['A', 'B'] }),
    ownedDeal('lost', { segment: 'SMB', createdAt: at(1, 9), stages: ['A'] }),
    ownedDeal('open', { segment: 'Ent', createdAt: at(1, 12), stages: ['A'] }),
    ownedDeal('lost', { segment: 'SMB', createdAt: at(2, 2), stages: ['A', 'B'] }),
  ]

  it('next-step rates per segment and month in one call', () => {
    const rows = groupMetric(deals, stageConversionAggregator({ stages: ['A', 'B'] }), {
      value: (deal) => deal,
      by: (deal) => deal.segment,
      period: { date: (deal) => deal.createdAt, unit: 'month' },
    })
    expect(cells(rows, (funnel) => funnel.map((stage) => [stage.reached, stage.rate]))).toEqual([
      ['SMB', '2026-01', [2, 0.5], [1, 1], 2],
      ['SMB', '2026-02', [1, 1], [1, 0], 1],
      ['Ent', '2026-01', [1, null], [0, null], 1],
    ])
  })
})

describe('forecast accuracy per owner × quarter (forecastErrorAggregator)', () => {
  // WAPE = Σ|F − A| / Σ|A|; bias = Σ(F − A) / Σ|A| (over-forecast positive).
  //   ana Q1: (A 100, F 110), (A 50, F 40) → WAPE 20/150, bias 0/150 = 0
  //   ana Q2: (A 200, F 150)               → WAPE 50/200 = 0.25, bias −0.25
  //   ben Q1: (A 80, F 100)                → WAPE 20/80 = 0.25, bias 0.25
  const periods = [
    { ownerId: 'ana', periodEnd: at(1, 31), actual: 100, forecast: 110 },
    { ownerId: 'ana', periodEnd: at(2, 28), actual: 50, forecast: 40 },
    { ownerId: 'ben', periodEnd: at(3, 31), actual: 80, forecast: 100 },
    { ownerId: 'ana', periodEnd: at(4, 30), actual: 200, forecast: 150 },
  ]

  it('WAPE and bias per owner and quarter in one call', () => {
    const rows = groupMetric(periods, forecastErrorAggregator(), {
      value: (period) => period,
      by: (period) => period.ownerId,
      period: { date: (period) => period.periodEnd, unit: 'quarter' },
    })
    expect(
      cells(rows, (report) => [report.weightedAbsolutePercentageError, report.forecastBias]),
    ).toEqual([
      ['ana', '2026-Q1', 20 / 150, 0, 2],
      ['ana', '2026-Q2', 0.25, -0.25, 1],
      ['ben', '2026-Q1', 0.25, 0.25, 1],
    ])
  })
})

describe('CSAT and CES per segment × month (csatAggregator, customerEffortScoreAggregator)', () => {
  // CSAT = share of ratings ≥ 4 of 5; CES = mean rating on 1..7.
  //   SMB Jan: csat 5, 4, 2 → 2/3; ces 7, 6, 2 → 15/3 = 5
  //   Ent Jan: csat 1       → 0;   ces 3       → 3
  //   SMB Feb: csat 5       → 1;   ces 7       → 7
  const responses = [
    { segment: 'SMB', ratedAt: at(1, 2), csat: 5, ces: 7 },
    { segment: 'Ent', ratedAt: at(1, 3), csat: 1, ces: 3 },
    { segment: 'SMB', ratedAt: at(1, 4), csat: 4, ces: 6 },
    { segment: 'SMB', ratedAt: at(1, 30), csat: 2, ces: 2 },
    { segment: 'SMB', ratedAt: at(2, 1), csat: 5, ces: 7 },
  ]
  const layout = {
    by: (response: (typeof responses)[number]) => response.segment,
    period: {
      date: (response: (typeof responses)[number]) => response.ratedAt,
      unit: 'month' as const,
    },
  }

  it('CSAT per segment and month', () => {
    const rows = groupMetric(responses, csatAggregator(), { ...layout, value: (r) => r.csat })
    expect(cells(rows, (result) => [result.score])).toEqual([
      ['SMB', '2026-01', 2 / 3, 3],
      ['SMB', '2026-02', 1, 1],
      ['Ent', '2026-01', 0, 1],
    ])
  })

  it('CES per segment and month', () => {
    const rows = groupMetric(responses, customerEffortScoreAggregator(), {
      ...layout,
      value: (r) => r.ces,
    })
    expect(cells(rows, (result) => [result.score])).toEqual([
      ['SMB', '2026-01', 5, 3],
      ['SMB', '2026-02', 7, 1],
      ['Ent', '2026-01', 3, 1],
    ])
  })
})

describe('SLA attainment per source × month (slaAttainmentAggregator)', () => {
  // Target 24 h; attainment = #done ≤ 24 / (#done + #open > 24).
  //   inbound Jan: done 2, done 30, open 40 (late), open 10 (no outcome yet) → 1/3
  //   referral Jan: done 5 → 1
  //   inbound Feb: done 30 → 0
  const items = [
    { source: 'inbound', createdAt: at(1, 5), duration: 2 },
    { source: 'inbound', createdAt: at(1, 6), duration: 30 },
    { source: 'inbound', createdAt: at(1, 7), duration: 40, open: true },
    { source: 'referral', createdAt: at(1, 8), duration: 5 },
    { source: 'inbound', createdAt: at(1, 9), duration: 10, open: true },
    { source: 'inbound', createdAt: at(2, 9), duration: 30 },
  ]

  it('per source and month in one call', () => {
    const rows = groupMetric(items, slaAttainmentAggregator(24), {
      value: (item) => item,
      by: (item) => item.source,
      period: { date: (item) => item.createdAt, unit: 'month' },
    })
    expect(cells(rows, (attainment) => [attainment])).toEqual([
      ['inbound', '2026-01', 1 / 3, 4],
      ['inbound', '2026-02', 0, 1],
      ['referral', '2026-01', 1, 1],
    ])
  })
})

describe('customer retention per month (customerRetentionAggregator)', () => {
  // One row per customer and month: active at the month's start and end.
  //   Jan: kept, churned, new → (E − N) / S = (2 − 1) / 2 = 0.5; churn 1/2
  //   Feb: kept, kept         → 1; churn 0
  const presence = [
    { month: at(1, 1), activeAtStart: true, activeAtEnd: true },
    { month: at(1, 1), activeAtStart: true, activeAtEnd: false },
    { month: at(1, 1), activeAtStart: false, activeAtEnd: true },
    { month: at(2, 1), activeAtStart: true, activeAtEnd: true },
    { month: at(2, 1), activeAtStart: true, activeAtEnd: true },
  ]

  it('retention and churn per month in one call', () => {
    const rows = groupMetric(presence, customerRetentionAggregator(), {
      value: (row) => row,
      period: { date: (row) => row.month, unit: 'month' },
    })
    expect(cells(rows, (result) => [result.retentionRate, result.churnRate])).toEqual([
      [null, '2026-01', 0.5, 0.5, 3],
      [null, '2026-02', 1, 0, 2],
    ])
  })
})
