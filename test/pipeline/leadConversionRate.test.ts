import { describe, expect, it } from 'vitest'
import { leadConversionRate } from '../../src/pipeline/leadConversionRate.js'
import { day } from './fixtures.js'

describe('leadConversionRate', () => {
  it('leaves leads younger than the window out instead of counting them as failures', () => {
    const leads = Array.from({ length: 10 }, (_, index) => ({
      id: String(index),
      createdAt: day(index * 3 + 1),
      ...(index % 2 === 0 ? { convertedAt: day(index * 3 + 5) } : {}),
    }))
    // asOf day 31, window 10 days: leads created up to day 21 are judged (indexes 0–6), 4 of 7 converted.
    const result = leadConversionRate(leads, { withinDays: 10, asOf: day(31) })
    expect([result.successes, result.judged, result.tooRecent]).toEqual([4, 7, 3])
    expect(result.rate).toBeCloseTo(4 / 7, 15)
  })

  it('matches the documented example', () => {
    const leads = [
      { id: '1', createdAt: day(1), convertedAt: day(5), source: 'inbound' },
      { id: '2', createdAt: day(2), convertedAt: day(30), source: 'inbound' },
      { id: '3', createdAt: day(3), source: 'event' },
      { id: '4', createdAt: day(28), source: 'event' },
    ]
    expect(leadConversionRate(leads).rate).toBe(0.5)
    expect(leadConversionRate(leads, { withinDays: 14, asOf: day(31) }).rate).toBe(
      0.3333333333333333,
    )
    // By hand: inbound leads 1 and 2 both converted (no window) → 1; event 3 and 4 none → 0.
    expect(
      leadConversionRate(leads, { groupBy: 'source', period: { unit: 'month' } }).rows.map(
        (row) => [row.group, row.period?.label, row.rate],
      ),
    ).toEqual([
      ['event', '2026-01', 0],
      ['inbound', '2026-01', 1],
    ])
  })
})
