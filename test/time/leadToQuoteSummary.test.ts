import { describe, expect, it } from 'vitest'
import { leadToQuoteSummary } from '../../src/time/leadToQuoteSummary.js'
import { expectMetricError } from '../helpers.js'

const at = (iso: string) => new Date(iso)

describe('leadToQuoteSummary', () => {
  it('summarises the quoted leads, with the quantile method as an option', () => {
    const leads = [0, 1, 2, 3, 4].map((index) => ({
      id: `L${index}`,
      createdAt: at('2026-03-02T00:00:00Z'),
    }))
    const quotes = [1, 2, 3, 10].map((hours, index) => ({
      id: `Q${index}`,
      leadId: `L${index}`,
      createdAt: new Date(Date.UTC(2026, 2, 2) + hours * 3_600_000),
    }))
    const asOf = at('2026-03-03T00:00:00Z')
    const summary = leadToQuoteSummary(leads, quotes, { asOf })
    // Quoted times 1, 2, 3, 10: R quantile type 7 median 2.5, p90 7.9; mean 4.
    expect(summary).toMatchObject({
      leads: 5,
      quoted: 4,
      open: 1,
      median: 2.5,
      mean: 4,
      unit: 'hours',
    })
    expect(summary.p90).toBeCloseTo(7.9, 12)
    expect('slaAttainment' in summary).toBe(false)
    expect(leadToQuoteSummary(leads, quotes, { asOf, quantileMethod: 'nearest-rank' }).p90).toBe(10)
    // method is the canonical name (quantileMethod its SPEC alias): nearest rank ⌈0.9·4⌉ = 4th = 10
    expect(leadToQuoteSummary(leads, quotes, { asOf, method: 'nearest-rank' }).p90).toBe(10)
    expectMetricError(
      () =>
        leadToQuoteSummary(leads, quotes, {
          asOf,
          method: 'nearest-rank',
          quantileMethod: 'linear',
        }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'leadToQuoteSummary' },
    )
    // Target 5 h: 3 of 4 quoted in time; the open lead has waited 24 h > 5 → a breach.
    expect(leadToQuoteSummary(leads, quotes, { asOf, target: 5 }).slaAttainment).toBe(0.6)
  })

  it('is all null statistics with no quoted lead', () => {
    const summary = leadToQuoteSummary([], [], { asOf: at('2026-03-03T00:00:00Z'), target: 1 })
    expect(summary).toEqual({
      leads: 0,
      quoted: 0,
      open: 0,
      median: null,
      p90: null,
      mean: null,
      unit: 'hours',
      slaAttainment: null,
    })
  })

  it('refuses a negative target as an invalid option (not NEGATIVE_VALUE, which is for data) and an unknown quantile method', () => {
    const asOf = at('2026-03-03T00:00:00Z')
    for (const target of [-1, Number.NaN, Number.POSITIVE_INFINITY, '24', null]) {
      expectMetricError(
        () => leadToQuoteSummary([], [], { asOf, target: target as number }),
        'INVALID_OPTION',
        { path: ['target'], metric: 'leadToQuoteSummary' },
      )
    }
    expectMetricError(
      () => leadToQuoteSummary([], [], { asOf, quantileMethod: 'type9' as 'linear' }),
      'INVALID_OPTION',
      {
        path: ['quantileMethod'],
      },
    )
  })

  it('matches the documented example', () => {
    const summary = leadToQuoteSummary(
      [
        { id: 'a', createdAt: at('2026-03-02T00:00:00Z') },
        { id: 'b', createdAt: at('2026-03-02T00:00:00Z') },
        { id: 'c', createdAt: at('2026-03-02T00:00:00Z') },
      ],
      [
        { id: 'q1', leadId: 'a', createdAt: at('2026-03-02T10:00:00Z') },
        { id: 'q2', leadId: 'b', createdAt: at('2026-03-03T06:00:00Z') },
      ],
      { asOf: at('2026-03-04T00:00:00Z'), target: 24 },
    )
    expect([summary.quoted, summary.open, summary.median, summary.slaAttainment]).toEqual([
      2, 1, 20, 0.3333333333333333,
    ])
  })
})
