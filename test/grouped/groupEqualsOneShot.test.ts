/**
 * For each aggregator users group by: `groupMetric` per group and month gives what the
 * one-shot function gives on that group's and month's records alone (fast-check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupMetric } from '../../src/core/groupMetric.js'
import { forecastAccuracyReport } from '../../src/forecast/forecastAccuracyReport.js'
import { forecastErrorAggregator } from '../../src/forecast/forecastErrorAggregator.js'
import { stageConversion } from '../../src/pipeline/stageConversion.js'
import { stageConversionAggregator } from '../../src/pipeline/stageConversionAggregator.js'
import { winRate } from '../../src/pipeline/winRate.js'
import { winRateAggregator } from '../../src/pipeline/winRateAggregator.js'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { csat } from '../../src/survey/csat.js'
import { csatAggregator } from '../../src/survey/csatAggregator.js'
import { customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { customerEffortScoreAggregator } from '../../src/survey/customerEffortScoreAggregator.js'
import { slaAttainment } from '../../src/time/slaAttainment.js'
import { slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
import { at, ownedDeal } from './fixtures.js'

/** A record's group and month (1–3 of 2026, UTC). */
const placed = <T>(payload: fc.Arbitrary<T>) =>
  fc.record({
    group: fc.constantFrom('east', 'west', 'north'),
    month: fc.integer({ min: 1, max: 3 }),
    day: fc.integer({ min: 1, max: 28 }),
    payload,
  })

type Placed<T> = { group: string; month: number; day: number; payload: T }

/** Each row's group and month, and the records of that cell. */
function cellsOf<T, Output>(
  records: readonly Placed<T>[],
  rows: readonly { group: unknown; period: { label: string } | null; result: Output; n: number }[],
) {
  return rows.map((row) => {
    const month = Number(row.period?.label.slice(5))
    const members = records.filter((r) => r.group === row.group && r.month === month)
    expect(row.n).toBe(members.length)
    return { result: row.result, payloads: members.map((r) => r.payload) }
  })
}

function layout<T>() {
  return {
    by: (r: Placed<T>) => r.group,
    period: { date: (r: Placed<T>) => at(r.month, r.day), unit: 'month' as const },
  }
}

/** Every record lands in exactly one row. */
function coversAll(records: readonly unknown[], rows: readonly { n: number }[]) {
  expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(records.length)
}

describe('groupMetric per group and month equals the one-shot function', () => {
  it('winRateAggregator (count and amount) = winRate', () => {
    const deal = fc
      .record({
        status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
        cents: fc.integer({ min: 0, max: 1e7 }),
      })
      .map(({ status, cents }) => ownedDeal(status, { amount: cents / 100 }))
    fc.assert(
      fc.property(fc.array(placed(deal), { maxLength: 40 }), fc.boolean(), (records, byAmount) => {
        const options = { by: byAmount ? ('amount' as const) : ('count' as const) }
        const rows = groupMetric(records, winRateAggregator(options), {
          ...layout<(typeof records)[number]['payload']>(),
          value: (r) => r.payload,
        })
        coversAll(records, rows)
        for (const { result, payloads } of cellsOf(records, rows)) {
          const expected = byAmount ? winRate(payloads, { by: 'amount' }) : winRate(payloads)
          expect(result.rate).toBe(expected.rate)
          expect(String(result.won)).toBe(String(expected.won))
          expect(String(result.lost)).toBe(String(expected.lost))
        }
      }),
    )
  })

  it('stageConversionAggregator = stageConversion', () => {
    const deal = fc
      .record({
        status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<'open' | 'won' | 'lost'>,
        stages: fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 3 }),
      })
      .map(({ status, stages }) => ownedDeal(status, { stages }))
    fc.assert(
      fc.property(fc.array(placed(deal), { maxLength: 40 }), (records) => {
        const options = { stages: ['A', 'B', 'C'] }
        const rows = groupMetric(records, stageConversionAggregator(options), {
          ...layout<(typeof records)[number]['payload']>(),
          value: (r) => r.payload,
        })
        coversAll(records, rows)
        for (const { result, payloads } of cellsOf(records, rows)) {
          expect(result).toEqual(stageConversion(payloads, options))
        }
      }),
    )
  })

  it('forecastErrorAggregator = forecastAccuracyReport (within 1e-12 relative)', () => {
    const period = fc.record({
      actual: fc.integer({ min: 0, max: 1e6 }),
      forecast: fc.integer({ min: 0, max: 1e6 }),
    })
    const close = (value: number | null, expected: number | null) => {
      if (expected === null) return expect(value).toBeNull()
      expect(Math.abs((value as number) - expected)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      )
    }
    fc.assert(
      fc.property(fc.array(placed(period), { maxLength: 40 }), (records) => {
        const rows = groupMetric(records, forecastErrorAggregator(), {
          ...layout<(typeof records)[number]['payload']>(),
          value: (r) => r.payload,
        })
        coversAll(records, rows)
        for (const { result, payloads } of cellsOf(records, rows)) {
          const expected = forecastAccuracyReport({
            actual: payloads.map((p) => p.actual),
            forecast: payloads.map((p) => p.forecast),
          })
          close(result.weightedAbsolutePercentageError, expected.weightedAbsolutePercentageError)
          close(result.forecastBias, expected.forecastBias)
          close(result.meanAbsoluteError, expected.meanAbsoluteError)
        }
      }),
    )
  })

  it('csatAggregator = csat and customerEffortScoreAggregator = customerEffortScore', () => {
    fc.assert(
      fc.property(
        fc.array(placed(fc.integer({ min: 1, max: 5 })), { maxLength: 40 }),
        (records) => {
          const base = { ...layout<number>(), value: (r: Placed<number>) => r.payload }
          const satisfaction = groupMetric(records, csatAggregator(), base)
          coversAll(records, satisfaction)
          for (const { result, payloads } of cellsOf(records, satisfaction)) {
            expect(result).toEqual(csat(payloads))
          }
          const effort = groupMetric(records, customerEffortScoreAggregator(), base)
          for (const { result, payloads } of cellsOf(records, effort)) {
            expect(result).toEqual(customerEffortScore(payloads))
          }
        },
      ),
    )
  })

  it('slaAttainmentAggregator = slaAttainment', () => {
    const item = fc.record({ duration: fc.integer({ min: 0, max: 48 }), open: fc.boolean() })
    fc.assert(
      fc.property(fc.array(placed(item), { maxLength: 40 }), (records) => {
        const rows = groupMetric(records, slaAttainmentAggregator(24), {
          ...layout<(typeof records)[number]['payload']>(),
          value: (r) => r.payload,
        })
        coversAll(records, rows)
        for (const { result, payloads } of cellsOf(records, rows)) {
          const done = payloads.filter((p) => !p.open).map((p) => p.duration)
          const open = payloads.filter((p) => p.open).map((p) => p.duration)
          expect(result).toBe(slaAttainment(done, 24, { open }))
        }
      }),
    )
  })

  it('customerRetentionAggregator = customerRetentionRate of the counts', () => {
    const presence = fc.record({ activeAtStart: fc.boolean(), activeAtEnd: fc.boolean() })
    fc.assert(
      fc.property(fc.array(placed(presence), { maxLength: 40 }), (records) => {
        const rows = groupMetric(records, customerRetentionAggregator(), {
          ...layout<(typeof records)[number]['payload']>(),
          value: (r) => r.payload,
        })
        coversAll(records, rows)
        for (const { result, payloads } of cellsOf(records, rows)) {
          // Hand count of the cell, then the one-shot function on those counts.
          const customersAtStart = payloads.filter((p) => p.activeAtStart).length
          const customersAtEnd = payloads.filter((p) => p.activeAtEnd).length
          const newCustomers = payloads.filter((p) => !p.activeAtStart && p.activeAtEnd).length
          expect(result.retentionRate).toBe(
            customerRetentionRate({ customersAtStart, customersAtEnd, newCustomers }),
          )
        }
      }),
    )
  })
})
