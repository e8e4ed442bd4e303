import { describe, expect, it } from 'vitest'
import { stageConversion } from '../../src/pipeline/stageConversion.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from './fixtures.js'

const stages = ['Discovery', 'Proposal', 'Negotiation'] as const

describe('stageConversion', () => {
  // Hand-worked funnel of 6 deals:
  //   won, history D → P → N        furthest: won (passes every stage)
  //   won, no history               furthest: won
  //   lost at D                     furthest: D
  //   lost after skipping P: D → N  furthest: N (skips count as passed)
  //   open at P                     furthest: P (undecided)
  //   lost, regressed D → P → D     furthest: P (counted once)
  const deals = [
    deal('won', ['Discovery', 'Proposal', 'Negotiation']),
    deal('won', []),
    deal('lost', ['Discovery']),
    deal('lost', ['Discovery', 'Negotiation']),
    deal('open', ['Discovery', 'Proposal']),
    deal('lost', ['Discovery', 'Proposal', 'Discovery']),
  ]

  it('next-step (HubSpot): advanced / (reached − open) by default', () => {
    const rows = stageConversion(deals, { stages })
    expect(rows.map((row) => [row.stage, row.reached, row.advanced, row.open, row.rate])).toEqual([
      ['Discovery', 6, 5, 0, 5 / 6],
      ['Proposal', 5, 3, 1, 3 / 4],
      ['Negotiation', 3, 2, 0, 2 / 3],
    ])
  })

  it("open: 'include' counts undecided deals as not advanced", () => {
    const rows = stageConversion(deals, { stages, open: 'include' })
    expect(rows[1]?.rate).toBe(3 / 5)
    expect(rows[1]?.open).toBe(1)
  })

  it('cumulative (HubSpot): reached(k) / reached(first)', () => {
    const rows = stageConversion(deals, { stages, mode: 'cumulative' })
    expect(rows.map((row) => row.rate)).toEqual([1, 5 / 6, 3 / 6])
  })

  // Expected bounds: R prop.test(x, n, correct = FALSE)$conf.int, i.e. the Wilson score
  // interval, computed from its closed form and checked against scipy's binomtest
  // proportion_ci(method='wilson') by test/reference/wilson.py.
  it('gives the Wilson interval of each rate (R prop.test(x, n, correct = FALSE))', () => {
    const rows = stageConversion(deals, { stages })
    const expected = [
      [0.43649717781352987, 0.9699466302516935], // 5/6
      [0.30064184258240184, 0.9544127391902995], // 3/4
      [0.2076596008020477, 0.9385080552796037], // 2/3
    ]
    for (let index = 0; index < expected.length; index++) {
      expect(rows[index]!.interval!.lower).toBeCloseTo(expected[index]![0]!, 12)
      expect(rows[index]!.interval!.upper).toBeCloseTo(expected[index]![1]!, 12)
    }
    // open: 'include' → Proposal is 3/5
    const included = stageConversion(deals, { stages, open: 'include' })[1]!.interval!
    expect(included.lower).toBeCloseTo(0.2307242812760128, 12)
    expect(included.upper).toBeCloseTo(0.882379225767352, 12)
    // confidence: 0.9 → z = qnorm(0.95)
    const narrow = stageConversion(deals, { stages, confidence: 0.9 })
    expect(narrow[0]!.interval!.lower).toBeCloseTo(0.4975829158754002, 12)
    expect(narrow[0]!.interval!.upper).toBeCloseTo(0.9618944299206573, 12)
    expect(narrow[1]!.interval!.lower).toBeCloseTo(0.3561680085985064, 12)
    expect(narrow[1]!.interval!.upper).toBeCloseTo(0.9420926788001414, 12)
  })

  it('gives the bounds flat (lower, upper, confidence) beside the deprecated interval', () => {
    // Same R prop.test(x, n, correct = FALSE) bounds as above, read from the flat fields.
    const rows = stageConversion(deals, { stages })
    expect(rows[0]!.lower).toBeCloseTo(0.43649717781352987, 12)
    expect(rows[0]!.upper).toBeCloseTo(0.9699466302516935, 12)
    expect(rows[2]!.lower).toBeCloseTo(0.2076596008020477, 12)
    expect(rows[2]!.upper).toBeCloseTo(0.9385080552796037, 12)
    expect(rows.map((row) => row.confidence)).toEqual([0.95, 0.95, 0.95])
    for (const row of rows) expect(row.interval).toEqual({ lower: row.lower, upper: row.upper })
    const narrow = stageConversion(deals, { stages, confidence: 0.9 })
    expect(narrow[1]!.lower).toBeCloseTo(0.3561680085985064, 12)
    expect(narrow[1]!.confidence).toBe(0.9)
    const empty = stageConversion([], { stages })[0]!
    expect([empty.lower, empty.upper, empty.interval]).toEqual([null, null, null])
  })

  it('refuses an unknown open policy and a confidence outside (0, 1) with INVALID_OPTION', () => {
    expectMetricError(
      () => stageConversion(deals, { stages, open: 'maybe' as 'include' }),
      'INVALID_OPTION',
      { path: ['open'], metric: 'stageConversion' },
    )
    expectMetricError(() => stageConversion(deals, { stages, confidence: 0 }), 'INVALID_OPTION', {
      path: ['confidence'],
      metric: 'stageConversion',
    })
  })

  it('ignores stages not in the list and is null on an empty pipeline', () => {
    const rows = stageConversion([deal('lost', ['Unlisted'])], { stages })
    expect(rows.map((row) => [row.reached, row.rate])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ])
    expect(stageConversion([], { stages }).every((row) => row.interval === null)).toBe(true)
  })

  it('refuses bad stage lists, options and histories out of time order', () => {
    expectMetricError(() => stageConversion(deals, { stages: [] }), 'INVALID_OPTION', {
      path: ['stages'],
    })
    expectMetricError(() => stageConversion(deals, { stages: ['A', 'A'] }), 'INVALID_OPTION', {
      path: ['stages'],
    })
    expectMetricError(
      () => stageConversion(deals, { stages, mode: 'strict' as 'cumulative' }),
      'INVALID_OPTION',
      {
        path: ['mode'],
      },
    )
    const backwards = deal('lost', ['Discovery', 'Proposal'], {
      stageHistory: [
        { stage: 'Discovery', enteredAt: day(5) },
        { stage: 'Proposal', enteredAt: day(2) },
      ],
    })
    expectMetricError(() => stageConversion([backwards], { stages }), 'END_BEFORE_START', {
      path: [0, 'stageHistory', 1, 'enteredAt'],
    })
    const invalid = deal('lost', ['Discovery'], {
      stageHistory: [{ stage: 'Discovery', enteredAt: new Date('x') }],
    })
    expectMetricError(() => stageConversion([invalid], { stages }), 'INVALID_DATE', {
      path: [0, 'stageHistory', 0, 'enteredAt'],
    })
  })

  it('matches the documented example', () => {
    const make = (status: 'open' | 'won' | 'lost', ...names: string[]) => ({
      id: names.join(),
      createdAt: new Date('2026-01-01'),
      amount: 1,
      status,
      stageHistory: names.map((stage, d) => ({
        stage,
        enteredAt: new Date(Date.UTC(2026, 0, d + 1)),
      })),
    })
    const funnel = stageConversion(
      [make('won', 'A'), make('lost', 'A', 'C'), make('lost', 'A'), make('open', 'A', 'B')],
      { stages: ['A', 'B', 'C'] },
    )
    expect(funnel.map((row) => [row.stage, row.reached, row.rate])).toEqual([
      ['A', 4, 0.75],
      ['B', 3, 1],
      ['C', 2, 0.5],
    ])
  })
})
