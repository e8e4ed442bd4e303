import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Aggregator } from '../../src/core/Aggregator.js'
import { type GroupMetricRow, groupMetric } from '../../src/core/groupMetric.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import type { SurveyResponse } from '../../src/records/SurveyResponse.js'
import {
  type NpsAggregatorState,
  netPromoterScoreAggregator,
} from '../../src/survey/netPromoterScoreAggregator.js'
import { npsBySegment } from '../../src/survey/npsBySegment.js'
import { npsTrend } from '../../src/survey/npsTrend.js'
import { expectMetricError } from '../helpers.js'

interface Answer {
  readonly score: number
  readonly segment?: string | null
  readonly at: Date
}

const answer = (score: number, iso: string, segment?: string | null): Answer => ({
  score,
  at: new Date(iso),
  ...(segment === undefined ? {} : { segment }),
})

const nps = netPromoterScoreAggregator()
const byMonth = (timeZone = 'UTC', fill = false) => ({
  date: (r: Answer) => r.at,
  unit: 'month' as const,
  timeZone,
  fill,
})

/** [group, label, score, n] of each row, for compact comparisons. */
const summary = (rows: GroupMetricRow<{ readonly score: number | null }>[]) =>
  rows.map((row) => [row.group, row.period?.label ?? null, row.result.score, row.n])

describe('groupMetric', () => {
  it('matches the documented example', () => {
    const rows = groupMetric(
      [
        { score: 10, segment: 'SMB', at: new Date('2026-01-31T12:00:00Z') },
        { score: 3, segment: 'SMB', at: new Date('2026-02-01T03:00:00Z') }, // 31 Jan in New York
        { score: 9, segment: 'Enterprise', at: new Date('2026-02-10T12:00:00Z') },
      ],
      netPromoterScoreAggregator(),
      {
        value: (r) => r.score,
        by: (r) => r.segment,
        period: { date: (r) => r.at, unit: 'month', timeZone: 'America/New_York' },
      },
    )
    expect(rows.map((row) => [row.group, row.period?.label, row.result.score, row.n])).toEqual([
      ['SMB', '2026-01', 0, 2],
      ['Enterprise', '2026-02', 100, 1],
    ])
  })

  it('gives NPS per segment with the counts of npsBySegment, in order of first appearance', () => {
    const answers = [
      answer(10, '2026-01-05T00:00:00Z', 'SMB'),
      answer(9, '2026-01-06T00:00:00Z', 'Enterprise'),
      answer(9, '2026-01-07T00:00:00Z', 'SMB'),
      answer(8, '2026-01-08T00:00:00Z'),
      answer(3, '2026-01-09T00:00:00Z', 'SMB'),
      answer(6, '2026-01-10T00:00:00Z', 'Enterprise'),
      answer(7, '2026-01-11T00:00:00Z', 'SMB'),
    ]
    const rows = groupMetric(answers, nps, { value: (r) => r.score, by: (r) => r.segment })
    // By hand: SMB 10, 9, 3, 7 → P 2, passive 1, D 1, NPS 100·(2 − 1)/4 = 25;
    // Enterprise 9, 6 → P 1, D 1, NPS 0; no segment: 8 → one passive, NPS 0.
    expect(summary(rows)).toEqual([
      ['SMB', null, 25, 4],
      ['Enterprise', null, 0, 2],
      [null, null, 0, 1],
    ])
    expect(
      rows.map((row) => [row.result.promoters, row.result.passives, row.result.detractors]),
    ).toEqual([
      [2, 1, 1],
      [1, 0, 1],
      [0, 1, 0],
    ])
    // npsBySegment orders by name; compare per segment.
    const responses: SurveyResponse[] = answers.map((a) => ({
      score: a.score,
      respondedAt: a.at,
      ...(a.segment === undefined || a.segment === null ? {} : { segment: a.segment }),
    }))
    const reference = new Map(npsBySegment(responses).map((row) => [row.segment, row]))
    expect(reference.size).toBe(rows.length)
    for (const row of rows) {
      const expected = reference.get(row.group as string | null)
      expect(expected?.segment).toBe(row.group)
      expect(row.result.score).toBe(expected?.score)
      expect([row.result.promoters, row.result.passives, row.result.detractors]).toEqual([
        expected?.promoters,
        expected?.passives,
        expected?.detractors,
      ])
    }
  })

  it('gives NPS per month in America/New_York with the periods and counts of npsTrend', () => {
    const answers = [
      answer(10, '2026-01-31T12:00:00Z'), // January
      answer(0, '2026-02-01T03:00:00Z'), // 31 January, 22:00 EST
      answer(9, '2026-03-01T04:59:00Z'), // 28 February, 23:59 EST
      answer(7, '2026-03-01T05:00:00Z'), // 1 March, 00:00 EST
      answer(3, '2026-05-15T12:00:00Z'), // May; April has no answers
    ]
    const rows = groupMetric(answers, nps, {
      value: (r) => r.score,
      period: byMonth('America/New_York', true),
    })
    // By hand: Jan P1 D1 → 0; Feb P1 → 100; Mar passive → 0; Apr empty → null; May D1 → −100.
    expect(summary(rows)).toEqual([
      [null, '2026-01', 0, 2],
      [null, '2026-02', 100, 1],
      [null, '2026-03', 0, 1],
      [null, '2026-04', null, 0],
      [null, '2026-05', -100, 1],
    ])
    // Local midnights: EST (UTC−5) until 8 March 2026, EDT (UTC−4) after.
    expect(
      rows.map((row) => [row.period?.start.toISOString(), row.period?.end.toISOString()]),
    ).toEqual([
      ['2026-01-01T05:00:00.000Z', '2026-02-01T05:00:00.000Z'],
      ['2026-02-01T05:00:00.000Z', '2026-03-01T05:00:00.000Z'],
      ['2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z'],
      ['2026-04-01T04:00:00.000Z', '2026-05-01T04:00:00.000Z'],
      ['2026-05-01T04:00:00.000Z', '2026-06-01T04:00:00.000Z'],
    ])
    const trend = npsTrend(
      answers.map((a) => ({ score: a.score, respondedAt: a.at })),
      { timeZone: 'America/New_York' },
    )
    expect(
      rows.map((row) => [
        row.period?.label,
        row.period?.start.getTime(),
        row.period?.end.getTime(),
        row.result.promoters,
        row.result.passives,
        row.result.detractors,
      ]),
    ).toEqual(
      trend.map((row) => [
        row.period.label,
        row.period.start.getTime(),
        row.period.end.getTime(),
        row.result.promoters,
        row.result.passives,
        row.result.detractors,
      ]),
    )
  })

  it('gives the win rate per owner per month', () => {
    const closed = (ownerId: string, status: 'won' | 'lost', iso: string): Opportunity => ({
      id: `${ownerId}-${iso}`,
      createdAt: new Date('2025-12-01T00:00:00Z'),
      amount: 1000,
      status,
      closedAt: new Date(iso),
      stageHistory: [],
      ownerId,
    })
    const deals = [
      closed('alice', 'won', '2026-01-05T10:00:00Z'),
      closed('bob', 'won', '2026-01-06T10:00:00Z'),
      closed('alice', 'lost', '2026-01-20T10:00:00Z'),
      closed('alice', 'lost', '2026-02-03T10:00:00Z'),
      closed('alice', 'won', '2026-01-31T23:00:00Z'),
    ]
    const rows = groupMetric(deals, winRateAggregator(), {
      value: (deal) => deal,
      by: (deal) => deal.ownerId,
      period: { date: (deal) => deal.closedAt as Date, unit: 'month' },
    })
    // By hand: alice January won 2 of 3 → 2/3; alice February 0 of 1 → 0; bob January 1 of 1.
    expect(rows.map((row) => [row.group, row.period?.label, row.result.rate, row.n])).toEqual([
      ['alice', '2026-01', 2 / 3, 3],
      ['alice', '2026-02', 0, 1],
      ['bob', '2026-01', 1, 1],
    ])
    // Wilson 95% for 2 of 3: R prop.test(2, 3, correct = FALSE)$conf.int = 0.2076596, 0.9385081
    // (also the Wilson formula with scipy's norm.ppf(0.975)).
    const first = rows[0]?.result as { interval: { lower: number; upper: number } }
    expect(first.interval.lower).toBeCloseTo(0.2076596, 6)
    expect(first.interval.upper).toBeCloseTo(0.9385081, 6)
  })

  it('fills empty periods of every group over the span of all records', () => {
    const answers = [
      answer(10, '2026-01-15T00:00:00Z', 'A'),
      answer(0, '2026-03-15T00:00:00Z', 'B'),
    ]
    const rows = groupMetric(answers, nps, {
      value: (r) => r.score,
      by: (r) => r.segment,
      period: byMonth('UTC', true),
    })
    // Each group gets January to March; empty cells hold the empty tally's null score.
    expect(summary(rows)).toEqual([
      ['A', '2026-01', 100, 1],
      ['A', '2026-02', null, 0],
      ['A', '2026-03', null, 0],
      ['B', '2026-01', null, 0],
      ['B', '2026-02', null, 0],
      ['B', '2026-03', -100, 1],
    ])
    expect(rows[1]?.result).toMatchObject({ promoters: 0, passives: 0, detractors: 0, total: 0 })
    // Without fill only the cells with records are rows.
    const sparse = groupMetric(answers, nps, {
      value: (r) => r.score,
      by: (r) => r.segment,
      period: byMonth(),
    })
    expect(summary(sparse)).toEqual([
      ['A', '2026-01', 100, 1],
      ['B', '2026-03', -100, 1],
    ])
  })

  it('names fiscal quarters and years by the calendar year in which the fiscal year ends', () => {
    const answers = [
      answer(10, '2026-03-31T12:00:00Z'), // fiscal year April 2025 – March 2026: FY2026 Q4
      answer(9, '2026-04-01T00:00:00Z'), // FY2027 Q1 (April–June 2026)
      answer(0, '2026-07-01T00:00:00Z'), // FY2027 Q2
      answer(0, '2027-01-15T00:00:00Z'), // FY2027 Q4 (January–March 2027)
    ]
    const quarters = groupMetric(answers, nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'quarter', fiscalYearStartMonth: 4 },
    })
    expect(summary(quarters)).toEqual([
      [null, 'FY2026-Q4', 100, 1],
      [null, 'FY2027-Q1', 100, 1],
      [null, 'FY2027-Q2', -100, 1],
      [null, 'FY2027-Q4', -100, 1],
    ])
    expect(quarters[1]?.period?.start.toISOString()).toBe('2026-04-01T00:00:00.000Z')
    expect(quarters[1]?.period?.end.toISOString()).toBe('2026-07-01T00:00:00.000Z')
    const years = groupMetric(answers, nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'year', fiscalYearStartMonth: 4 },
    })
    // FY2026: one promoter → 100; FY2027: 9, 0, 0 → (1 − 2)/3 · 100 = −33.3…
    expect(summary(years)).toEqual([
      [null, 'FY2026', 100, 1],
      [null, 'FY2027', (100 * (1 - 2)) / 3, 3],
    ])
    const calendar = groupMetric(answers, nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'quarter' },
    })
    expect(calendar.map((row) => row.period?.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2027-Q1',
    ])
  })

  it('labels Monday weeks as ISO 8601 weeks with their week-numbering year', () => {
    // Hand-worked (and checked with Python datetime.date.isocalendar): a week belongs to the
    // year of its Thursday.
    // 2026-01-01 is a Thursday → week of Monday 2025-12-29 → 2026-W01.
    // 2027-01-01 is a Friday → Monday 2026-12-28, Thursday 2026-12-31 → 2026-W53.
    // 2021-01-03 is a Sunday → Monday 2020-12-28, Thursday 2020-12-31 → 2020-W53.
    // 2024-12-30 is a Monday, its Thursday 2025-01-02 → 2025-W01.
    // 2026-03-01 is a Sunday → Monday 2026-02-23, 8 weeks after 2025-12-29 → 2026-W09.
    const cases: [string, string, string][] = [
      ['2026-01-01T12:00:00Z', '2026-W01', '2025-12-29T00:00:00.000Z'],
      ['2027-01-01T12:00:00Z', '2026-W53', '2026-12-28T00:00:00.000Z'],
      ['2021-01-03T12:00:00Z', '2020-W53', '2020-12-28T00:00:00.000Z'],
      ['2024-12-30T12:00:00Z', '2025-W01', '2024-12-30T00:00:00.000Z'],
      ['2026-03-01T12:00:00Z', '2026-W09', '2026-02-23T00:00:00.000Z'],
    ]
    for (const [iso, label, start] of cases) {
      const [row] = groupMetric([answer(9, iso)], nps, {
        value: (r) => r.score,
        period: { date: (r) => r.at, unit: 'week' },
      })
      expect([row?.period?.label, row?.period?.start.toISOString()], iso).toEqual([label, start])
    }
    // Weeks from Sunday are labelled by their first day.
    const [sunday] = groupMetric([answer(9, '2026-03-04T12:00:00Z')], nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'week', weekStartsOn: 0 },
    })
    expect(sunday?.period?.label).toBe('2026-03-01')
  })

  it('numbers the weeks across a year end without a gap', () => {
    const rows = groupMetric(
      [answer(9, '2020-12-21T00:00:00Z'), answer(0, '2021-01-11T00:00:00Z')],
      nps,
      { value: (r) => r.score, period: { date: (r) => r.at, unit: 'week', fill: true } },
    )
    // 2020 has 53 ISO weeks (it starts on a Wednesday and is a leap year).
    expect(rows.map((row) => row.period?.label)).toEqual([
      '2020-W52',
      '2020-W53',
      '2021-W01',
      '2021-W02',
    ])
  })

  it('orders rows by group of first appearance, then by period', () => {
    const answers = [
      answer(9, '2026-02-10T00:00:00Z', 'B'),
      answer(0, '2026-01-10T00:00:00Z', 'A'),
      answer(9, '2026-01-10T00:00:00Z', 'B'),
      answer(9, '2026-03-10T00:00:00Z', 'A'),
    ]
    const rows = groupMetric(answers, nps, {
      value: (r) => r.score,
      by: (r) => r.segment,
      period: byMonth(),
    })
    expect(rows.map((row) => [row.group, row.period?.label])).toEqual([
      ['B', '2026-01'],
      ['B', '2026-02'],
      ['A', '2026-01'],
      ['A', '2026-03'],
    ])
  })

  it('returns [] for no records, with or without fill', () => {
    expect(groupMetric([] as Answer[], nps, { value: (r) => r.score })).toEqual([])
    expect(
      groupMetric([] as Answer[], nps, { value: (r) => r.score, period: byMonth('UTC', true) }),
    ).toEqual([])
  })

  it('gives one row for one record', () => {
    const rows = groupMetric([answer(6, '2026-06-30T23:30:00Z')], nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'month', timeZone: 'Asia/Tokyo' },
    })
    // 23:30 UTC on 30 June is 08:30 on 1 July in Tokyo (UTC+9): July starts 2026-06-30T15:00Z.
    expect(rows).toEqual([
      {
        group: null,
        period: {
          start: new Date('2026-06-30T15:00:00Z'),
          end: new Date('2026-07-31T15:00:00Z'),
          label: '2026-07',
        },
        result: nps.result({ promoters: 0, passives: 0, detractors: 1 }),
        n: 1,
      },
    ])
    expect(rows[0]?.result.score).toBe(-100)
  })

  it('keeps numbers and strings apart, joins null and undefined, and reports -0 as 0', () => {
    const records = [
      { key: 1 as string | number | null | undefined, score: 10 },
      { key: '1', score: 0 },
      { key: null, score: 10 },
      { key: undefined, score: 0 },
      { key: -0, score: 10 },
      { key: 0, score: 10 },
    ]
    const rows = groupMetric(records, nps, { value: (r) => r.score, by: (r) => r.key })
    expect(rows.map((row) => [row.group, row.n])).toEqual([
      [1, 1],
      ['1', 1],
      [null, 2],
      [0, 2],
    ])
    expect(Object.is(rows[3]?.group, 0)).toBe(true)
  })

  it('counts in n every record given to add, even one the aggregator skips', () => {
    const open: Opportunity = {
      id: 'open',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      amount: 1,
      status: 'open',
      stageHistory: [],
    }
    const [row] = groupMetric([open, open], winRateAggregator(), { value: (deal) => deal })
    expect(row).toMatchObject({ group: null, period: null, n: 2 })
    expect(row?.result.rate).toBeNull()
  })

  it('counts a large cell exactly', () => {
    // 300,001 scores in one group and one month: 10, 0, 10, 0, … → 150,001 promoters and
    // 150,000 detractors, NPS = 100 · 1 / 300,001.
    const records = Array.from({ length: 300_001 }, (_, index) => (index % 2 === 0 ? 10 : 0))
    const rows = groupMetric(records, nps, {
      value: (score) => score,
      by: () => 'all',
      period: { date: () => new Date('2026-05-05T00:00:00Z'), unit: 'month' },
    })
    expect(rows.map((row) => [row.group, row.period?.label, row.n])).toEqual([
      ['all', '2026-05', 300_001],
    ])
    expect(rows[0]?.result).toMatchObject({ promoters: 150_001, passives: 0, detractors: 150_000 })
    expect(rows[0]?.result.score).toBeCloseTo(100 / 300_001, 12)
  })

  it('does not mutate its input', () => {
    const answers = [answer(9, '2026-01-01T00:00:00Z', 'A'), answer(3, '2026-02-01T00:00:00Z')]
    const before = JSON.stringify(answers)
    groupMetric(answers, nps, { value: (r) => r.score, by: (r) => r.segment, period: byMonth() })
    expect(JSON.stringify(answers)).toBe(before)
  })

  it('refuses bad arguments and options with a path', () => {
    const value = (r: Answer) => r.score
    const metric = 'groupMetric'
    expectMetricError(
      () => groupMetric('abc' as unknown as Answer[], nps, { value }),
      'VALUE_OUT_OF_RANGE',
      { path: [], metric },
    )
    expectMetricError(
      () => groupMetric({ length: 1 } as unknown as Answer[], nps, { value }),
      'VALUE_OUT_OF_RANGE',
      { path: [], metric },
    )
    expectMetricError(
      () => groupMetric([], {} as unknown as typeof nps, { value }),
      'INVALID_OPTION',
      { path: ['aggregator'], metric },
    )
    expectMetricError(
      () => groupMetric([], null as unknown as typeof nps, { value }),
      'INVALID_OPTION',
      { path: ['aggregator'], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, undefined as unknown as { value: typeof value }),
      'INVALID_OPTION',
      { path: ['value'], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, null as unknown as { value: typeof value }),
      'INVALID_OPTION',
      { path: [], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, { value: 'score' as unknown as typeof value }),
      'INVALID_OPTION',
      { path: ['value'], metric, message: /value is "score"/ },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, by: 'segment' as unknown as () => null }),
      'INVALID_OPTION',
      { path: ['by'], metric },
    )
    expectMetricError(
      () =>
        groupMetric([], nps, { value, period: 'month' as unknown as ReturnType<typeof byMonth> }),
      'INVALID_OPTION',
      { path: ['period'], metric },
    )
    const period = byMonth()
    const bad = (extra: object) => ({ ...period, ...extra }) as typeof period
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ date: undefined }) }),
      'INVALID_OPTION',
      { path: ['period', 'date'], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ unit: 'day' }) }),
      'INVALID_OPTION',
      { path: ['period', 'unit'], metric, message: /period\.unit is "day"/ },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ timeZone: 'Mars/Olympus' }) }),
      'INVALID_OPTION',
      { path: ['period', 'timeZone'], metric, message: /option period\.timeZone/ },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ fiscalYearStartMonth: 13 }) }),
      'INVALID_OPTION',
      { path: ['period', 'fiscalYearStartMonth'], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ weekStartsOn: 1.5 }) }),
      'INVALID_OPTION',
      { path: ['period', 'weekStartsOn'], metric },
    )
    expectMetricError(
      () => groupMetric([], nps, { value, period: bad({ fill: 'yes' }) }),
      'INVALID_OPTION',
      { path: ['period', 'fill'], metric },
    )
  })

  it('refuses bad dates and keys with the record index', () => {
    const value = (r: Answer) => r.score
    const good = answer(9, '2026-01-01T00:00:00Z', 'A')
    const metric = 'groupMetric'
    expectMetricError(
      () =>
        groupMetric([good, { ...good, at: new Date('nope') }], nps, { value, period: byMonth() }),
      'INVALID_DATE',
      { path: [1, 'date'], metric },
    )
    expectMetricError(
      () =>
        groupMetric([good, { ...good, at: '2026-01-01' as unknown as Date }], nps, {
          value,
          period: byMonth(),
        }),
      'INVALID_DATE',
      { path: [1, 'date'], metric },
    )
    for (const key of [{}, ['A', 'B'], true, Number.NaN, Number.POSITIVE_INFINITY, 10n]) {
      expectMetricError(
        () =>
          groupMetric([good, good], nps, {
            value,
            by: (_r, index) => (index === 1 ? (key as string) : 'A'),
          }),
        'INVALID_RECORD',
        { path: [1, 'by'], metric },
      )
    }
  })

  it('reports an error thrown by a caller function with the record index and cause', () => {
    const good = answer(9, '2026-01-01T00:00:00Z', 'A')
    const failure = new TypeError('no score')
    const error = expectMetricError(
      () =>
        groupMetric([good, good, good], nps, {
          value: (r, index) => {
            if (index === 2) throw failure
            return r.score
          },
        }),
      'INVALID_RECORD',
      { path: [2, 'value'], metric: 'groupMetric' },
    )
    expect(error.cause).toBe(failure)
    expectMetricError(
      () =>
        groupMetric([good], nps, {
          value: (r) => r.score,
          by: () => {
            throw new Error('boom')
          },
        }),
      'INVALID_RECORD',
      { path: [0, 'by'], metric: 'groupMetric' },
    )
    expectMetricError(
      () =>
        groupMetric([good], nps, {
          value: (r) => r.score,
          period: {
            unit: 'month',
            date: () => {
              throw new Error('boom')
            },
          },
        }),
      'INVALID_RECORD',
      { path: [0, 'date'], metric: 'groupMetric' },
    )
  })

  it("passes the aggregator's own errors through", () => {
    const answers = [answer(9, '2026-01-01T00:00:00Z'), answer(11, '2026-01-02T00:00:00Z')]
    expectMetricError(
      () => groupMetric(answers, nps, { value: (r) => r.score }),
      'SCORE_OUT_OF_RANGE',
      { metric: 'netPromoterScoreAggregator' },
    )
  })

  it('reports the first bad input in record order also when it adds in batches', () => {
    // Cell A is folded first in batches, but record 1 (cell B, score 12) is the first bad one.
    const answers = [
      answer(9, '2026-01-01T00:00:00Z', 'A'),
      answer(12, '2026-01-02T00:00:00Z', 'B'),
      answer(11, '2026-01-03T00:00:00Z', 'A'),
    ]
    expectMetricError(
      () => groupMetric(answers, nps, { value: (r) => r.score, by: (r) => r.segment }),
      'SCORE_OUT_OF_RANGE',
      { metric: 'netPromoterScoreAggregator', message: /\b12\b/ },
    )
  })

  it('never coerces inputs on the way to addAll', () => {
    // In a Float64Array, null would become 0 (a detractor) and '9' would become 9.
    for (const input of [null, '9', true, undefined]) {
      expectMetricError(
        () =>
          groupMetric([answer(9, '2026-01-01T00:00:00Z'), answer(9, '2026-01-02T00:00:00Z')], nps, {
            value: (r, index) => (index === 1 ? (input as unknown as number) : r.score),
          }),
        'SCORE_OUT_OF_RANGE',
        { metric: 'netPromoterScoreAggregator' },
      )
    }
  })

  it('refuses a span of more than 5,000 periods', () => {
    const answers = [answer(9, '1500-01-01T00:00:00Z'), answer(9, '2026-01-01T00:00:00Z')]
    // 526 years are 6,312 months.
    expectMetricError(
      () => groupMetric(answers, nps, { value: (r) => r.score, period: byMonth() }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'groupMetric' },
    )
    // …but 526 years are only 526 years.
    const years = groupMetric(answers, nps, {
      value: (r) => r.score,
      period: { date: (r) => r.at, unit: 'year' },
    })
    expect(years.map((row) => row.period?.label)).toEqual(['1500', '2026'])
  })

  it('keeps many groups over many periods in a sparse table, and refuses to fill 10 million rows', () => {
    // 1,100 groups × 4,174 weeks (1946–2025) = 4.6 million cells, more than the flat table's 2^22.
    const start = Date.UTC(1946, 0, 7) // a Monday
    const week = 7 * 86_400_000
    const records = Array.from({ length: 1100 }, (_, index) => ({
      group: index,
      at: new Date(start + (index % 2 === 0 ? 0 : 4173) * week + 3_600_000),
    }))
    const rows = groupMetric(records, nps, {
      value: () => 10,
      by: (r) => r.group,
      period: { date: (r) => r.at, unit: 'week' },
    })
    // 1946-01-07 is the Monday of ISO week 1946-W02 (1946 began on a Tuesday, so its week 1
    // began on Monday 1945-12-31); 4,173 weeks later is Monday 2025-12-29, 2026-W01.
    expect(rows.length).toBe(1100)
    expect(rows.slice(0, 2).map((row) => [row.group, row.period?.label, row.n])).toEqual([
      [0, '1946-W02', 1],
      [1, '2026-W01', 1],
    ])
    expect(rows[1]?.period?.start.toISOString()).toBe('2025-12-29T00:00:00.000Z')
    // 2,400 groups × 4,174 weeks would be 10 million filled rows.
    const many = Array.from(
      { length: 2400 },
      (_, index) => records[index % 2] as (typeof records)[number],
    )
    expectMetricError(
      () =>
        groupMetric(many, nps, {
          value: () => 10,
          by: (_r, index) => index,
          period: { date: (r) => r.at, unit: 'week', fill: true },
        }),
      'VALUE_OUT_OF_RANGE',
      { path: ['period', 'fill'], metric: 'groupMetric' },
    )
  })

  it('labels weeks as an independent ISO 8601 week formula does, 1900–2100', () => {
    // Reference: the ordinal-date formula (Wikipedia "ISO week date"): week =
    // ⌊(ordinal − weekday + 10) / 7⌋, corrected into the previous or next year; a year has 53
    // weeks when p(y) = 4 or p(y − 1) = 3, p(y) = (y + ⌊y/4⌋ − ⌊y/100⌋ + ⌊y/400⌋) mod 7.
    const p = (y: number) => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7
    const weeksIn = (y: number) => (p(y) === 4 || p(y - 1) === 3 ? 53 : 52)
    const reference = (time: number) => {
      const date = new Date(time)
      const y = date.getUTCFullYear()
      const ordinal = Math.floor((time - Date.UTC(y, 0, 1)) / 86_400_000) + 1
      const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay()
      let year = y
      let week = Math.floor((ordinal - weekday + 10) / 7)
      if (week < 1) {
        year = y - 1
        week = weeksIn(year)
      } else if (week > weeksIn(y)) {
        year = y + 1
        week = 1
      }
      return `${year}-W${String(week).padStart(2, '0')}`
    }
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 47_482 }), (day) => {
        const time = day * 86_400_000 + 43_200_000
        const [row] = groupMetric([time], nps, {
          value: () => 9,
          period: { date: (t) => new Date(t), unit: 'week' },
        })
        expect(row?.period?.label).toBe(reference(time))
      }),
      { numRuns: 300 },
    )
  })

  it('works with any object that has initial, add and result', () => {
    // A sum of values: the simplest aggregator a user may write.
    const sum: Aggregator<{ total: number }, number, number> = {
      initial: () => ({ total: 0 }),
      add: (state, input) => ({ total: state.total + input }),
      merge: (a, b) => ({ total: a.total + b.total }),
      result: (state) => state.total,
    }
    const rows = groupMetric([1, 2, 3, 4, 5], sum, {
      value: (x) => x,
      by: (x) => (x % 2 === 0 ? 'even' : 'odd'),
    })
    // odd 1 + 3 + 5 = 9, even 2 + 4 = 6
    expect(rows.map((row) => [row.group, row.result, row.n])).toEqual([
      ['odd', 9, 3],
      ['even', 6, 2],
    ])
  })

  const answerArbitrary = fc.record({
    score: fc.integer({ min: 0, max: 10 }),
    segment: fc.constantFrom('a', 'b', 'c', null),
    // 2025-06-01 to 2026-09-01 in whole minutes: spans months, a DST change and a year end.
    at: fc
      .integer({ min: 29_145_600, max: 29_803_680 })
      .map((minutes) => new Date(minutes * 60_000)),
  })
  const key = (row: GroupMetricRow<unknown>) => `${row.group}|${row.period?.label}`

  it('gives the same rows for a shuffled input (as a map from group and period)', () => {
    fc.assert(
      fc.property(
        fc.array(answerArbitrary, { maxLength: 60 }),
        fc.boolean(),
        fc.constantFrom('week', 'month', 'quarter') as fc.Arbitrary<'week' | 'month' | 'quarter'>,
        fc.nat(),
        (answers, fill, unit, seed) => {
          const shuffled = [...answers]
          let state = seed >>> 0
          for (let index = shuffled.length - 1; index > 0; index--) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0
            const other = state % (index + 1)
            ;[shuffled[index], shuffled[other]] = [
              shuffled[other] as (typeof shuffled)[number],
              shuffled[index] as (typeof shuffled)[number],
            ]
          }
          const options = {
            value: (r: Answer) => r.score,
            by: (r: Answer) => r.segment ?? null,
            period: { date: (r: Answer) => r.at, unit, timeZone: 'America/New_York', fill },
          }
          const rows = groupMetric(answers, nps, options)
          const again = groupMetric(shuffled, nps, options)
          const asMap = (list: typeof rows) =>
            new Map(list.map((row) => [key(row), [row.result, row.n, row.period]]))
          expect(asMap(again)).toEqual(asMap(rows))
          expect(again.length).toBe(rows.length)
          let total = 0
          for (const row of rows) total += row.n
          expect(total).toBe(answers.length)
        },
      ),
    )
  })

  it('gives the same rows with addAll batches as with one add per record', () => {
    const oneByOne: Aggregator<NpsAggregatorState, number, ReturnType<typeof nps.result>> = {
      initial: nps.initial,
      add: nps.add,
      merge: nps.merge,
      result: nps.result,
    }
    fc.assert(
      fc.property(fc.array(answerArbitrary, { maxLength: 60 }), fc.boolean(), (answers, fill) => {
        const options = {
          value: (r: Answer) => r.score,
          by: (r: Answer) => r.segment ?? null,
          period: { date: (r: Answer) => r.at, unit: 'month' as const, fill },
        }
        expect(groupMetric(answers, nps, options)).toEqual(groupMetric(answers, oneByOne, options))
      }),
    )
  })

  it('merging the states of two halves cell by cell gives the rows of the whole', () => {
    // An aggregator that reports its state, so the halves' cells can be merged.
    const states: Aggregator<NpsAggregatorState, number, NpsAggregatorState> = {
      initial: nps.initial,
      add: nps.add,
      merge: nps.merge,
      result: (state) => state,
    }
    fc.assert(
      fc.property(fc.array(answerArbitrary, { maxLength: 60 }), fc.nat(), (answers, cut) => {
        const split = answers.length === 0 ? 0 : cut % (answers.length + 1)
        const options = {
          value: (r: Answer) => r.score,
          by: (r: Answer) => r.segment ?? null,
          period: { date: (r: Answer) => r.at, unit: 'month' as const, timeZone: 'Europe/Berlin' },
        }
        const merged = new Map<string, NpsAggregatorState>()
        for (const half of [answers.slice(0, split), answers.slice(split)]) {
          for (const row of groupMetric(half, states, options)) {
            const previous = merged.get(key(row))
            const state = JSON.parse(JSON.stringify(row.result)) as NpsAggregatorState
            merged.set(key(row), previous === undefined ? state : nps.merge(previous, state))
          }
        }
        const whole = groupMetric(answers, nps, options)
        expect(whole.length).toBe(merged.size)
        for (const row of whole) {
          const state = merged.get(key(row))
          // The merged halves hold exactly the cell's records.
          expect((state?.promoters ?? 0) + (state?.passives ?? 0) + (state?.detractors ?? 0)).toBe(
            row.n,
          )
          expect(nps.result(state as NpsAggregatorState)).toEqual(row.result)
        }
      }),
    )
  })

  it('agrees with a hand tally per segment and UTC month on random input', () => {
    fc.assert(
      fc.property(fc.array(answerArbitrary, { maxLength: 80 }), (answers) => {
        const rows = groupMetric(answers, nps, {
          value: (r) => r.score,
          by: (r) => r.segment ?? null,
          period: { date: (r) => r.at, unit: 'month' },
        })
        // Independent tally: the UTC month from the ISO string, classes by score.
        const tally = new Map<string, [number, number, number]>()
        for (const a of answers) {
          const cell = `${a.segment ?? null}|${a.at.toISOString().slice(0, 7)}`
          const counts = tally.get(cell) ?? [0, 0, 0]
          counts[a.score >= 9 ? 0 : a.score >= 7 ? 1 : 2]++
          tally.set(cell, counts)
        }
        expect(
          new Map(
            rows.map((row) => [
              key(row),
              [row.result.promoters, row.result.passives, row.result.detractors],
            ]),
          ),
        ).toEqual(tally)
      }),
    )
  })

  it('throws only MetricInputError for hostile records', () => {
    const hostile = [
      null,
      undefined,
      42,
      'x',
      Object.defineProperty({}, 'score', {
        get() {
          throw new RangeError('trap')
        },
      }),
    ]
    for (const record of hostile) {
      let caught: unknown
      try {
        groupMetric([record] as unknown as Answer[], nps, {
          value: (r) => r.score,
          period: byMonth(),
        })
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(MetricInputError)
    }
  })
})
