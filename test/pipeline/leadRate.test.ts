import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leadRate } from '../../src/pipeline/leadRate.js'
import { expectMetricError } from '../helpers.js'
import { day } from './fixtures.js'

describe('leadRate', () => {
  const leads = [
    { id: '1', createdAt: day(1), convertedAt: day(3), source: 'inbound', ownerId: 'ana' },
    { id: '2', createdAt: day(1), source: 'inbound', ownerId: 'ben' },
    { id: '3', createdAt: day(2), convertedAt: day(20), source: 'event' },
    { id: '4', createdAt: day(25), convertedAt: day(26) },
  ]

  it('groups by source or owner, the missing group last', () => {
    const result = leadRate(leads, 'convertedAt', 'm', { groupBy: 'source' })
    expect(result.rate).toBe(0.75)
    expect(result.groups.map((g) => [g.group, g.successes, g.judged, g.rate])).toEqual([
      ['event', 1, 1, 1],
      ['inbound', 1, 2, 0.5],
      [null, 1, 1, 1],
    ])
    expect(
      leadRate(leads, 'convertedAt', 'm', { groupBy: 'owner' }).groups.map((g) => g.group),
    ).toEqual(['ana', 'ben', null])
    // Wilson interval of 1/2, R prop.test(1, 2, correct = FALSE): 0.0945312 0.9054688
    // (test/reference/wilson.py).
    expect(result.groups[1]?.interval?.lower).toBeCloseTo(0.09453120573423074, 12)
    expect(result.groups[1]?.interval?.upper).toBeCloseTo(0.9054687942657693, 12)
  })

  it('with asOf alone, a conversion after asOf is not known yet and a lead created after it is too recent', () => {
    const result = leadRate(leads, 'convertedAt', 'm', { asOf: day(10) })
    expect([result.successes, result.judged, result.tooRecent]).toEqual([1, 3, 1])
  })

  it('is null with no leads', () => {
    expect(leadRate([], 'contactedAt', 'm', {})).toEqual({
      rate: null,
      successes: 0,
      judged: 0,
      tooRecent: 0,
      lower: null,
      upper: null,
      confidence: 0.95,
      interval: null,
      rows: [],
      groups: [],
    })
    expect(leadRate([], 'contactedAt', 'm', { groupBy: 'owner' }).rows).toEqual([])
  })

  it('gives rows in the shape of groupMetric, the rate flat on the row and groups as an alias', () => {
    const result = leadRate(leads, 'convertedAt', 'm', { groupBy: 'source' })
    expect(result.groups).toBe(result.rows)
    const inbound = result.rows[1]!
    const { group, period, result: rate, n, ...flat } = inbound
    expect([group, period, n]).toEqual(['inbound', null, 2])
    expect(flat).toEqual(rate)
    // 1 of 2 inbound leads converted; Wilson bounds of 1/2 as above (R prop.test).
    expect(rate).toMatchObject({ rate: 0.5, successes: 1, judged: 2, tooRecent: 0 })
    expect(rate.lower).toBeCloseTo(0.09453120573423074, 12)
    expect(rate.upper).toBeCloseTo(0.9054687942657693, 12)
    expect(rate.interval).toEqual({ lower: rate.lower, upper: rate.upper })
    expect(rate.confidence).toBe(0.95)
  })

  describe('per period of lead creation', () => {
    // Lead b is created at 23:30 on 31 January in New York (04:30 UTC on 1 February).
    const cohort = [
      {
        id: 'a',
        createdAt: new Date('2026-01-10T12:00:00Z'),
        convertedAt: new Date('2026-01-12T12:00:00Z'),
        source: 'inbound',
      },
      { id: 'b', createdAt: new Date('2026-02-01T04:30:00Z'), source: 'inbound' },
      {
        id: 'c',
        createdAt: new Date('2026-02-15T12:00:00Z'),
        convertedAt: new Date('2026-02-20T12:00:00Z'),
        source: 'event',
      },
      {
        id: 'd',
        createdAt: new Date('2026-04-02T12:00:00Z'),
        convertedAt: new Date('2026-04-03T12:00:00Z'),
        source: 'inbound',
      },
    ]
    const compact = (
      rows: readonly {
        group: string | null
        period: { label: string } | null
        successes: number
        judged: number
        n: number
      }[],
    ) => rows.map((row) => [row.group, row.period?.label ?? null, row.successes, row.judged, row.n])

    it('gives the rate per source and month of creation in the time zone', () => {
      const result = leadRate(cohort, 'convertedAt', 'm', {
        groupBy: 'source',
        period: { unit: 'month', timeZone: 'America/New_York' },
      })
      // By hand: event — February c (converted); inbound — January a (converted) and b
      // (not), April d (converted). Sources by name, then months.
      expect(compact(result.rows)).toEqual([
        ['event', '2026-02', 1, 1, 1],
        ['inbound', '2026-01', 1, 2, 2],
        ['inbound', '2026-04', 1, 1, 1],
      ])
      expect(result.rows[1]!.rate).toBe(0.5)
      // Overall: 3 of 4.
      expect(result.rate).toBe(0.75)
      // The same leads in UTC: b falls into February.
      const utc = leadRate(cohort, 'convertedAt', 'm', { period: { unit: 'month' } })
      expect(compact(utc.rows)).toEqual([
        [null, '2026-01', 1, 1, 1],
        [null, '2026-02', 1, 2, 2],
        [null, '2026-04', 1, 1, 1],
      ])
    })

    it('fills the months without leads with a null rate when asked', () => {
      const result = leadRate(cohort, 'convertedAt', 'm', {
        groupBy: 'source',
        period: { unit: 'month', timeZone: 'America/New_York', fill: true },
      })
      expect(compact(result.rows)).toEqual([
        ['event', '2026-01', 0, 0, 0],
        ['event', '2026-02', 1, 1, 1],
        ['event', '2026-03', 0, 0, 0],
        ['event', '2026-04', 0, 0, 0],
        ['inbound', '2026-01', 1, 2, 2],
        ['inbound', '2026-02', 0, 0, 0],
        ['inbound', '2026-03', 0, 0, 0],
        ['inbound', '2026-04', 1, 1, 1],
      ])
      expect(result.rows[0]).toMatchObject({ rate: null, lower: null, upper: null, interval: null })
      // Local midnight of 1 March in New York is 05:00 UTC (EST, before the 8 March change).
      expect(result.rows[2]!.period?.start.toISOString()).toBe('2026-03-01T05:00:00.000Z')
    })

    it('keeps too-recent leads out of the rate of their month', () => {
      // asOf 10 April with a 14-day window: d (2 April) is too recent; the others are judged.
      const result = leadRate(cohort, 'convertedAt', 'm', {
        withinDays: 14,
        asOf: new Date('2026-04-10T00:00:00Z'),
        period: { unit: 'quarter' },
      })
      expect(
        result.rows.map((row) => [
          row.period?.label,
          row.successes,
          row.judged,
          row.tooRecent,
          row.n,
        ]),
      ).toEqual([
        ['2026-Q1', 2, 3, 0, 3],
        ['2026-Q2', 0, 0, 1, 1],
      ])
    })

    it('takes another date for the period, and refuses a bad period option', () => {
      const result = leadRate(cohort, 'convertedAt', 'm', {
        period: { unit: 'year', date: (lead) => lead.convertedAt ?? lead.createdAt },
      })
      expect(compact(result.rows)).toEqual([[null, '2026', 3, 4, 4]])
      expectMetricError(
        () => leadRate(cohort, 'convertedAt', 'm', { period: { unit: 'day' as 'month' } }),
        'INVALID_OPTION',
        { path: ['period', 'unit'], metric: 'm' },
      )
      expectMetricError(
        () => leadRate(cohort, 'convertedAt', 'm', { period: null as never }),
        'INVALID_OPTION',
        { path: ['period'], metric: 'm' },
      )
      expectMetricError(
        () =>
          leadRate(cohort, 'convertedAt', 'm', {
            period: { unit: 'month', timeZone: 'Mars/Base' },
          }),
        'INVALID_OPTION',
        { path: ['period', 'timeZone'], metric: 'm' },
      )
      expectMetricError(
        () =>
          leadRate(cohort, 'convertedAt', 'm', {
            period: { unit: 'month', date: () => new Date('x') },
          }),
        'INVALID_DATE',
        { path: [0, 'date'], metric: 'm' },
      )
    })

    it('agrees with a hand count per source and UTC month on random leads', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              created: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }),
              converts: fc.boolean(),
              source: fc.option(fc.constantFrom('web', 'event'), { nil: undefined }),
            }),
            { maxLength: 40 },
          ),
          (drawn) => {
            const list = drawn.map((lead, index) => ({
              id: String(index),
              createdAt: new Date(lead.created),
              ...(lead.converts ? { convertedAt: new Date(lead.created + 86_400_000) } : {}),
              ...(lead.source === undefined ? {} : { source: lead.source }),
            }))
            const hand = new Map<string, [number, number]>()
            for (const lead of list) {
              const key = `${lead.source ?? null}|${lead.createdAt.toISOString().slice(0, 7)}`
              const [won, all] = hand.get(key) ?? [0, 0]
              hand.set(key, [won + (lead.convertedAt === undefined ? 0 : 1), all + 1])
            }
            const rows = leadRate(list, 'convertedAt', 'm', {
              groupBy: 'source',
              period: { unit: 'month' },
            }).rows
            expect(
              new Map(
                rows.map((row) => [`${row.group}|${row.period?.label}`, [row.successes, row.n]]),
              ),
            ).toEqual(hand)
          },
        ),
      )
    })
  })

  it('refuses a window without asOf, bad dates and bad options', () => {
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { withinDays: 7 }),
      'INVALID_OPTION',
      { path: ['asOf'] },
    )
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { withinDays: -1, asOf: day(9) }),
      // 0.2: a bad option value is INVALID_OPTION (was NEGATIVE_VALUE).
      'INVALID_OPTION',
      {
        path: ['withinDays'],
      },
    )
    expectMetricError(
      () => leadRate(leads, 'convertedAt', 'm', { groupBy: 'region' as 'source' }),
      'INVALID_OPTION',
      {
        path: ['groupBy'],
      },
    )
    expectMetricError(
      () => leadRate([{ id: 'x', createdAt: day(5), convertedAt: day(4) }], 'convertedAt', 'm', {}),
      'END_BEFORE_START',
      {
        path: [0, 'convertedAt'],
      },
    )
    expectMetricError(
      () => leadRate([{ id: 'x', createdAt: new Date('x') }], 'convertedAt', 'm', {}),
      'INVALID_DATE',
      {
        path: [0, 'createdAt'],
      },
    )
  })
})
