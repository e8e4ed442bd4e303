import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import * as time from '../../src/time/index.js'
import {
  expectContained,
  HOSTILE_VALUES,
  hostile,
  hostileArguments,
  plantedArguments,
  sweepCounts,
} from './hostileKit.js'

/**
 * Issue 12's reliability sweep over every export of src/time: each call returns a clean
 * result or throws MetricInputError naming the function called, never mutates its input and
 * never hangs (the shared hang guard, ../hangGuard.ts). The export list is read from the module, so a new export is swept
 * too (with hostile argument lists; give it a valid seed below to sweep planted values).
 */

const at = (iso: string) => new Date(iso)
const nineToFive = [{ start: '09:00', end: '17:00' }]
const calendar = {
  timeZone: 'Europe/Berlin',
  week: { monday: nineToFive, tuesday: nineToFive, friday: [{ start: '13:00', end: '24:00' }] },
  holidays: ['2026-03-03'],
}
const leads = [
  {
    id: 'L1',
    createdAt: at('2026-03-02T08:00:00Z'),
    contactedAt: at('2026-03-02T09:00:00Z'),
    opportunityId: 'O1',
  },
  { id: 'L2', createdAt: at('2026-03-02T10:00:00Z') },
]
const quotes = [{ id: 'Q1', leadId: 'L1', createdAt: at('2026-03-04T10:00:00Z') }]
const opportunities = [
  {
    id: 'O1',
    createdAt: at('2026-03-04T00:00:00Z'),
    closedAt: at('2026-03-09T00:00:00Z'),
    amount: 5,
    status: 'won',
    stageHistory: [],
  },
]
const asOf = at('2026-03-10T00:00:00Z')

/** Valid arguments per export, into which hostile values are planted. */
const SEEDS: Record<string, unknown[]> = {
  addBusinessHours: [at('2026-03-02T16:30:00Z'), 4, calendar],
  businessHoursBetween: [at('2026-03-02T15:30:00Z'), at('2026-03-30T09:00:00Z'), calendar],
  networkDays: [
    '2026-01-01',
    '2026-03-01',
    { holidays: ['2026-01-06'], weekend: [6, 0], timeZone: 'UTC' },
  ],
  leadToCash: [leads, quotes, opportunities, { unit: 'business-hours', calendar }],
  leadToQuoteSummary: [
    leads,
    quotes,
    { asOf, target: 24, unit: 'business-days', calendar, quantileMethod: 'linear' },
  ],
  leadToQuoteTimes: [leads, quotes, { asOf, unit: 'days' }],
  slaAttainment: [[2, 5, 30], 24, { open: [10, 40] }],
  slaAttainmentAggregator: [24],
  timeToQuoteSurvival: [leads, quotes, { asOf, confidence: 0.9, interval: 'log' }],
}

const functions = Object.entries(time as Record<string, unknown>).filter(
  (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
)
const RUNS = 150

describe('time: hostile input sweep (issue 12)', () => {
  afterAll(() => {
    // Reported in notes/time-schemas.md.
    console.info(`time hostile sweep: ${JSON.stringify(sweepCounts)}`)
  })

  it('covers every function export', () => {
    expect(functions.map(([name]) => name).sort()).toEqual(Object.keys(SEEDS).sort())
  })

  for (const [name, fn] of functions) {
    it(`${name}: valid arguments with one hostile value planted anywhere`, () => {
      // 'covers every function export' above checks that every export has its seed.
      const seed = SEEDS[name]
      expectContained(() => fn(...(seed as unknown[])), name, seed)
      fc.assert(
        fc.property(plantedArguments(seed as unknown[]), (args) => {
          expectContained(() => fn(...args), name, args)
        }),
        { numRuns: RUNS },
      )
    })

    it(`${name}: argument lists of hostile values`, () => {
      fc.assert(
        fc.property(hostileArguments(), (args) => {
          expectContained(() => fn(...args), name, args)
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('slaAttainmentAggregator: add, merge and result contain hostile items and states', () => {
    const sla = time.slaAttainmentAggregator(24)
    const metric = 'slaAttainmentAggregator'
    const state = sla.add(sla.initial(), { duration: 3 })
    fc.assert(
      fc.property(hostile(), hostile(), (item, other) => {
        expectContained(() => sla.add(state, item as never), metric, [item])
        expectContained(() => sla.merge(state, item as never), metric, [item])
        expectContained(() => sla.merge(other as never, state), metric, [other])
        expectContained(() => sla.result(item as never), metric, [item])
        const tampered = { ...state, within: other }
        expectContained(() => sla.result(tampered as never), metric, [tampered])
      }),
      { numRuns: RUNS },
    )
  })

  it('each hostile value alone, in every argument position', () => {
    for (const [name, fn] of functions) {
      const seed = SEEDS[name] as unknown[]
      for (let position = 0; position < seed.length; position++) {
        for (const value of HOSTILE_VALUES) {
          const args = [...seed]
          args[position] = value
          expectContained(() => fn(...args), name, args)
        }
      }
    }
  })
})
