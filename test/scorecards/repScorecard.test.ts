import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activityCounts } from '../../src/activity/activityCounts.js'
import { averageDealSize } from '../../src/pipeline/averageDealSize.js'
import { quotaAttainment } from '../../src/quota/quotaAttainment.js'
import type { Opportunity } from '../../src/records/Opportunity.js'
import { repOutcomeRates } from '../../src/scorecards/repOutcomeRates.js'
import {
  DEFAULT_REP_SCORECARD_COMPONENTS,
  REP_SCORECARD_COMPONENT_NAMES,
  repScorecard,
} from '../../src/scorecards/repScorecard.js'
import { expectMetricError } from '../helpers.js'
import { ACTIVITIES, DEALS, day, LEADS } from './smallTeam.js'

const relative = (actual: number | null | undefined, expected: number) =>
  Math.abs((actual as number) - expected) / Math.abs(expected)

/** The small team's won deals valued: ana 10,000 each, ben 20,000, cy 5,000. */
const VALUED: Opportunity[] = DEALS.map((deal) => ({
  ...deal,
  amount: deal.ownerId === 'ben' ? 20000 : deal.ownerId === 'cy' ? 5000 : 10000,
}))

describe('repScorecard', () => {
  it('matches the documented example', () => {
    const { rows } = repScorecard(
      {
        values: {
          ana: { quotaAttainment: 1.2, winRate: 0.5 },
          ben: { quotaAttainment: 0.6, winRate: 0.25 },
        },
      },
      { components: [{ name: 'quotaAttainment', range: [0, 1.5] }, { name: 'winRate' }] },
    )
    // Default weights 2 and 2. ana: 1.2/1.5 = 0.8 and 0.5 → 100 · (0.8 + 0.5)/2 = 65 (yellow,
    // 50 ≤ 65 < 75); ben: 0.6/1.5 = 0.4 and 0.25 → 32.5 (red).
    expect(
      rows.map((row) => [row.group, row.result.score, row.result.band, row.result.rank]),
    ).toEqual([
      ['ana', 65, 'yellow', 1],
      ['ben', 32.5, 'red', 2],
    ])
    expect(REP_SCORECARD_COMPONENT_NAMES).toEqual([
      'quotaAttainment',
      'winRate',
      'proposalsToWin',
      'leadConversionRate',
      'activitiesPerPeriod',
      'averageDealSize',
    ])
    expect(DEFAULT_REP_SCORECARD_COMPONENTS.map((component) => component.weight)).toEqual([
      2, 2, 1, 1, 1, 1,
    ])
  })

  it('scores the small team from the family results (worked by hand)', () => {
    const outcomes = repOutcomeRates({
      leads: LEADS,
      opportunities: VALUED,
      activities: ACTIVITIES,
    })
    const attainment = quotaAttainment(
      [
        { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 100000 },
        { ownerId: 'ben', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 80000 },
        { ownerId: 'cy', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 50000 },
      ],
      [
        { ownerId: 'ana', at: day(2, 1), amount: 120000 },
        { ownerId: 'ben', at: day(2, 1), amount: 40000 },
        { ownerId: 'cy', at: day(2, 1), amount: 50000 },
      ],
    )
    const activity = activityCounts(ACTIVITIES, { period: { unit: 'month' } })
    const dealSize = averageDealSize(VALUED, { by: (deal) => deal.ownerId ?? null })
    const { rows, counts, components } = repScorecard({
      outcomes,
      quotaAttainment: attainment,
      activityCounts: activity,
      averageDealSize: dealSize,
    })
    // Values (weights 2, 2, 1, 1, 1, 1; Σ = 8, so a weight-1 component is worth 12.5 points):
    //   quota attainment 120/100 = 1.2, 40/80 = 0.5, 50/50 = 1 on [0, 1.5] → 0.8, 1/3, 2/3
    //   win rate (shrunk) 0.776186, 0.333132, 0.839952 (repOutcomeRates.test.ts)
    //   proposals-to-win (shrunk) 2/3 for all (no prior: the pooled 4 of 6; cy has 0 trials)
    //   lead conversion (shrunk) 631/965, 281/965, 106/615
    //   activities per period: ana 6, ben 2, cy 1 activities over Jan and Feb → 3, 1, 0.5 on
    //   the team's [0, 3]; average deal size 10000, 20000, 5000 on the team's [0, 20000].
    // ana = 25·0.8 + 25·0.776186 + 12.5·2/3 + 12.5·0.653886 + 12.5·1 + 12.5·0.5
    //     = 20 + 19.404655 + 8.333333 + 8.173575 + 12.5 + 6.25 = 74.661563
    // ben = 8.333333 + 8.328306 + 8.333333 + 3.639896 + 4.166667 + 12.5 = 45.301536
    // cy  = 16.666667 + 20.998794 + 8.333333 + 2.154472 + 2.083333 + 3.125 = 53.361599
    // (exact values from test/reference/rep_outcome_rates.py).
    expect(rows.map((row) => row.group)).toEqual(['ana', 'ben', 'cy'])
    expect(relative(rows[0]?.result.score, 74.66156331213058)).toBeLessThan(1e-12)
    expect(relative(rows[1]?.result.score, 45.3015360030671)).toBeLessThan(1e-12)
    expect(relative(rows[2]?.result.score, 53.36159930382535)).toBeLessThan(1e-12)
    expect(rows.map((row) => [row.result.band, row.result.rank, row.n])).toEqual([
      ['yellow', 1, 6],
      ['red', 3, 6],
      ['yellow', 2, 6],
    ])
    expect(counts).toEqual({ red: 1, yellow: 2, green: 0, unscored: 0 })
    const ana = rows[0]?.result.contributions ?? []
    expect(ana.map((contribution) => contribution.name)).toEqual([...REP_SCORECARD_COMPONENT_NAMES])
    expect(ana[0]?.points).toBeCloseTo(20, 12)
    expect(ana[4]?.points).toBeCloseTo(12.5, 12)
    expect(ana[5]?.value).toBe(10000)
    // The team ranges as scored.
    expect(components.map((component) => component.range)).toEqual([
      [0, 1.5],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 3],
      [0, 20000],
    ])
  })

  it('scores the shrunk lead contact rate when a component names it', () => {
    const outcomes = repOutcomeRates({ leads: LEADS })
    const { rows, components } = repScorecard(
      { outcomes },
      { components: [{ name: 'leadContactRate' }] },
    )
    // Shrunk contact rates 517/610, 367/610, 73/115 (repOutcomeRates.test.ts) on [0, 1].
    expect(components[0]?.range).toEqual([0, 1])
    expect(relative(rows[0]?.result.score, (100 * 517) / 610)).toBeLessThan(1e-12)
    expect(relative(rows[2]?.result.score, (100 * 73) / 115)).toBeLessThan(1e-12)
    expect(rows.map((row) => row.result.rank)).toEqual([1, 3, 2])
  })

  it('clamps a value beyond its range but reports it as given', () => {
    const { rows } = repScorecard(
      { values: { ana: { quotaAttainment: 2.3 }, ben: { quotaAttainment: -0.2 } } },
      { components: [{ name: 'quotaAttainment' }] },
    )
    // 2.3 > 1.5 scores as 1.5 → 100; −0.2 < 0 scores as 0 → 0.
    expect(rows.map((row) => row.result.score)).toEqual([100, 0])
    expect(rows[0]?.result.contributions[0]?.value).toBe(2.3)
    expect(rows[0]?.result.contributions[0]?.normalized).toBe(1)
  })

  it('scores the change against the previous period on this period’s team ranges', () => {
    const { rows } = repScorecard(
      {
        values: {
          ana: { winRate: 0.6, activitiesPerPeriod: 20 },
          ben: { winRate: 0.3, activitiesPerPeriod: 10 },
        },
        previous: { values: { ana: { winRate: 0.4, activitiesPerPeriod: 20 } } },
      },
      {
        components: [
          { name: 'winRate', weight: 1 },
          { name: 'activitiesPerPeriod', weight: 1 },
        ],
      },
    )
    // Team range of activities [0, 20]. ana now: (0.6 + 1)/2 = 80; before: (0.4 + 1)/2 = 70;
    // change +10, the win rate moved 10 points. ben: (0.3 + 0.5)/2 = 40, no previous values → no
    // previous score, change null.
    expect(rows[0]?.result.score).toBeCloseTo(80, 12)
    expect(rows[0]?.result.change).toBeCloseTo(10, 12)
    expect(rows[0]?.result.biggestMover?.name).toBe('winRate')
    expect(rows[0]?.result.biggestMover?.pointsChange).toBeCloseTo(10, 12)
    expect(rows[1]?.result.score).toBeCloseTo(40, 12)
    expect(rows[1]?.result.change).toBeNull()
  })

  it('leaves a team-range component out when no rep has a value above 0', () => {
    const { rows, components } = repScorecard(
      { values: { ana: { winRate: 0.5, averageDealSize: 0 } } },
      { components: [{ name: 'winRate' }, { name: 'averageDealSize' }] },
    )
    expect(components[1]?.range).toBeNull()
    // Only the win rate counts: score 50, coverage 2/3 (weights 2 of 3).
    expect(rows[0]?.result.score).toBe(50)
    expect(rows[0]?.result.coverage).toBeCloseTo(2 / 3, 15)
    expect(rows[0]?.n).toBe(1)
  })

  it('uses a given range and custom components from values', () => {
    const { rows } = repScorecard(
      { values: { ana: { nps: 40, averageDealSize: 5000 } } },
      {
        components: [
          { name: 'nps', range: [-100, 100] },
          { name: 'averageDealSize', range: [0, 10000] },
        ],
      },
    )
    // nps (40 + 100)/200 = 0.7, deal size 0.5; weights 1 and 1 → 60.
    expect(rows[0]?.result.score).toBeCloseTo(60, 12)
  })

  it('scores nothing for empty input, and one rep on its own', () => {
    expect(repScorecard({})).toEqual({
      rows: [],
      counts: { red: 0, yellow: 0, green: 0, unscored: 0 },
      components: [
        { name: 'quotaAttainment', weight: 2, range: [0, 1.5], direction: 'higher-is-better' },
        { name: 'winRate', weight: 2, range: [0, 1], direction: 'higher-is-better' },
        { name: 'proposalsToWin', weight: 1, range: [0, 1], direction: 'higher-is-better' },
        { name: 'leadConversionRate', weight: 1, range: [0, 1], direction: 'higher-is-better' },
        { name: 'activitiesPerPeriod', weight: 1, range: null, direction: 'higher-is-better' },
        { name: 'averageDealSize', weight: 1, range: null, direction: 'higher-is-better' },
      ],
    })
    // One rep: its own activity count is the team max → full points (1); win rate 0.5.
    const { rows } = repScorecard({ values: { ana: { winRate: 0.5, activitiesPerPeriod: 7 } } })
    // 100 · (2·0.5 + 1·1)/(2 + 1) = 66.67
    expect(rows[0]?.result.score).toBeCloseTo(200 / 3, 12)
  })

  it('lists reps of the reps option without values as unscored', () => {
    const { rows, counts } = repScorecard(
      { values: { ana: { winRate: 0.9 } } },
      { reps: ['dee', 'ana'] },
    )
    expect(
      rows.map((row) => [row.group, row.result.score, row.result.band, row.result.rank]),
    ).toEqual([
      ['dee', null, null, null],
      ['ana', 90, 'green', 1],
    ])
    expect(counts.unscored).toBe(1)
  })

  it('reads component and rep names like __proto__ as plain keys', () => {
    const values = JSON.parse('{"__proto__": {"__proto__": 0.25, "winRate": 0.5}}')
    const { rows } = repScorecard(
      { values },
      { components: [{ name: '__proto__', range: [0, 1] }, { name: 'winRate' }] },
    )
    // __proto__ 0.25 (weight 1) and winRate 0.5 (weight 2): 100 · (0.25 + 2 · 0.5)/3 = 41.67.
    expect(rows.map((row) => row.group)).toEqual(['__proto__'])
    expect(rows[0]?.result.score).toBeCloseTo(125 / 3, 12)
  })

  it('ties share a rank', () => {
    const { rows } = repScorecard({
      values: { a: { winRate: 0.5 }, b: { winRate: 0.5 }, c: { winRate: 0.7 } },
    })
    expect(rows.map((row) => row.result.rank)).toEqual([2, 2, 1])
  })

  it('refuses bad options with INVALID_OPTION, naming repScorecard', () => {
    const input = { values: { ana: { winRate: 0.5 } } }
    const metric = 'repScorecard'
    expectMetricError(() => repScorecard(input, { components: [] }), 'INVALID_OPTION', {
      path: ['components'],
      metric,
    })
    expectMetricError(
      () => repScorecard(input, { components: [{ name: 'nps' }] }),
      'INVALID_OPTION',
      { path: ['components', 0, 'range'], metric },
    )
    expectMetricError(
      () => repScorecard(input, { components: [{ name: 'winRate', weight: -1 }] }),
      'INVALID_OPTION',
      { path: ['components', 0, 'weight'], metric },
    )
    expectMetricError(
      () => repScorecard(input, { components: [{ name: 'winRate' }, { name: 'winRate' }] }),
      'INVALID_OPTION',
      { path: ['components', 1, 'name'], metric },
    )
    expectMetricError(
      () =>
        repScorecard(input, {
          bands: [
            { name: 'low', min: 0 },
            { name: 'high', min: 0 },
          ],
        }),
      'INVALID_OPTION',
      { path: ['bands', 1, 'min'], metric },
    )
    expectMetricError(() => repScorecard(input, { missing: 'skip' as never }), 'INVALID_OPTION', {
      path: ['missing'],
      metric,
    })
    expectMetricError(() => repScorecard(input, { reps: ['a', 'a'] }), 'INVALID_OPTION', {
      path: ['reps', 1],
      metric,
    })
    expectMetricError(() => repScorecard(input, 3 as never), 'INVALID_OPTION', {
      path: [],
      metric,
    })
  })

  it('refuses bad sources with a path into the input', () => {
    const metric = 'repScorecard'
    expectMetricError(() => repScorecard(null as never), 'INVALID_RECORD', { path: [], metric })
    expectMetricError(
      () => repScorecard({ values: { ana: { winRate: Number.NaN } } }),
      'NOT_FINITE',
      { path: ['values', 'ana', 'winRate'], metric },
    )
    const attainment = quotaAttainment(
      [
        { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1 },
        { ownerId: 'ana', periodStart: '2026-04-01', periodEnd: '2026-06-30', amount: 1 },
      ],
      [],
    )
    expectMetricError(() => repScorecard({ quotaAttainment: attainment }), 'DUPLICATE_ID', {
      path: ['quotaAttainment', 'rows', 1, 'ownerId'],
      metric,
    })
    expectMetricError(() => repScorecard({ activityCounts: 'x' as never }), 'INVALID_RECORD', {
      path: ['activityCounts'],
      metric,
    })
    expectMetricError(
      () => repScorecard({ previous: { values: { ana: { winRate: '0.5' as never } } } }),
      'NOT_FINITE',
      { path: ['previous', 'values', 'ana', 'winRate'], metric },
    )
    expectMetricError(
      () => repScorecard({ values: { ana: { winRate: 0.5 }, ben: {} } }, { missing: 'error' }),
      'MISSING_VALUE',
      { metric },
    )
  })

  it('does not mutate its input', () => {
    const input = {
      values: { ana: { winRate: 3 }, ben: { winRate: 0.2 } },
      previous: { values: { ana: { winRate: 0.1 } } },
    }
    const copy = structuredClone(input)
    repScorecard(input)
    expect(input).toEqual(copy)
  })

  it('scores in [0, 100] whatever the order of reps and sources (property)', () => {
    const value = fc.option(fc.double({ min: -1, max: 5, noNaN: true }), { nil: null })
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('ana', 'ben', 'cy', 'dee', 'eve'), { minLength: 1 }),
        fc.array(
          fc.record({ winRate: value, quotaAttainment: value, activitiesPerPeriod: value }),
          {
            minLength: 5,
            maxLength: 5,
          },
        ),
        (reps, values) => {
          const forward: Record<string, Record<string, number | null>> = {}
          for (let index = 0; index < reps.length; index++) {
            forward[reps[index] as string] = values[index] as Record<string, number | null>
          }
          const backward: Record<string, Record<string, number | null>> = {}
          for (let index = reps.length - 1; index >= 0; index--) {
            backward[reps[index] as string] = values[index] as Record<string, number | null>
          }
          const a = repScorecard({ values: forward })
          const b = repScorecard({ values: backward })
          expect(b.rows.map((row) => [row.group, row.result.score, row.result.rank])).toEqual(
            a.rows.map((row) => [row.group, row.result.score, row.result.rank]),
          )
          for (const row of a.rows) {
            const score = row.result.score
            if (score === null) continue
            expect(score).toBeGreaterThanOrEqual(0)
            expect(score).toBeLessThanOrEqual(100 + 1e-9)
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})
