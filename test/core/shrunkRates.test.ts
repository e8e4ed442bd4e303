import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shrunkRates } from '../../src/core/shrunkRates.js'
import { expectMetricError } from '../helpers.js'

/** The team of the issue-14 example: 2 of 2 beside 40 of 60, and three other reps. */
const TEAM = [
  { successes: 2, trials: 2 },
  { successes: 40, trials: 60 },
  { successes: 10, trials: 40 },
  { successes: 20, trials: 40 },
  { successes: 8, trials: 20 },
]

const relative = (actual: number | null, expected: number) =>
  Math.abs((actual as number) - expected) / Math.abs(expected)

describe('shrunkRates', () => {
  it('matches the documented example', () => {
    const fair = shrunkRates([
      { successes: 2, trials: 2 },
      { successes: 40, trials: 60 },
      { successes: 10, trials: 40 },
      { successes: 20, trials: 40 },
      { successes: 8, trials: 20 },
    ])
    expect(fair.rows.map((row) => row.rate)).toEqual([1, 0.6666666666666666, 0.25, 0.5, 0.4])
    expect((fair.rows[0]?.shrunk as number) < (fair.rows[1]?.shrunk as number)).toBe(true)
  })

  it('fits the prior worked by hand, so 2 of 2 ranks below 40 of 60 (issue 14)', () => {
    // N = 2 + 60 + 40 + 40 + 20 = 162, Σs = 80, p̂ = 80/162 = 40/81, k = 5.
    // S = Σ sᵢ²/nᵢ − N p̂² = (2 + 26.6667 + 2.5 + 10 + 3.2) − 162·(40/81)² = 44.3667 − 39.5062
    //   = 3937/810 = 4.860494;  p̂(1 − p̂) = 1640/6561, so S/(p̂(1 − p̂)) = 19.44455.
    // Σnᵢ²/N = (4 + 3600 + 1600 + 1600 + 400)/162 = 44.469136.
    // ρ = (19.44455 − 4) / (162 − 44.469136 − 4) = 15.44455 / 113.530864 = 0.1360418
    // α + β = 1/ρ − 1 = 6.350684; α = 40/81 · 6.350684 = 3.136140; β = 3.214544.
    // shrunk(2/2) = 5.136140/8.350684 = 0.61506; shrunk(40/60) = 43.136140/66.350684 = 0.65012.
    // Exact rational values from test/reference/shrunk_rates.py (TEAM).
    const fair = shrunkRates(TEAM)
    expect(fair.pooledRate).toBeCloseTo(40 / 81, 15)
    expect(relative(fair.prior?.alpha ?? null, 3.136140183925026)).toBeLessThan(1e-12)
    expect(relative(fair.prior?.beta ?? null, 3.2145436885231518)).toBeLessThan(1e-12)
    const shrunk = fair.rows.map((row) => row.shrunk as number)
    const expected = [
      0.6150562351990052, 0.6501235204575957, 0.2834076886562061, 0.4991542357302226,
      0.4226129476498628,
    ]
    for (let index = 0; index < expected.length; index++) {
      expect(relative(shrunk[index] as number, expected[index] as number)).toBeLessThan(1e-12)
    }
    expect(shrunk[0]).toBeCloseTo(0.61506, 5)
    expect(shrunk[1]).toBeCloseTo(0.65012, 5)
    expect(shrunk[0]).toBeLessThan(shrunk[1] as number)
    // The raw rates rank the other way round.
    expect(fair.rows[0]?.rate).toBeGreaterThan(fair.rows[1]?.rate as number)
    expect(fair.confidence).toBe(0.95)
  })

  it('matches scipy for the posterior intervals (Beta(sᵢ + α, nᵢ − sᵢ + β), 2.5 % and 97.5 %)', () => {
    // scipy.stats.beta.ppf in test/reference/shrunk_rates.py (TEAM).
    const expected = [
      [0.28754864822591564, 0.8908333052812667],
      [0.5323653987624688, 0.7593075817678675],
      [0.16471864583421578, 0.41978839495454134],
      [0.35745179722892184, 0.6409258651700407],
      [0.2447098401484888, 0.6116499208132864],
    ] as const
    const rows = shrunkRates(TEAM).rows
    for (let index = 0; index < expected.length; index++) {
      const [lower, upper] = expected[index] as readonly [number, number]
      expect(relative(rows[index]?.lower ?? null, lower)).toBeLessThan(1e-9)
      expect(relative(rows[index]?.upper ?? null, upper)).toBeLessThan(1e-9)
    }
  })

  it('gives the prior interval to a row without trials, and leaves it out of the fit', () => {
    // scipy.stats.beta.ppf(0.025 / 0.975, α, β) in test/reference/shrunk_rates.py (TEAM + 0/0).
    const fair = shrunkRates([...TEAM, { successes: 0, trials: 0 }])
    expect(relative(fair.prior?.alpha ?? null, 3.136140183925026)).toBeLessThan(1e-12)
    const empty = fair.rows[5]
    expect(empty?.rate).toBeNull()
    expect(empty?.shrunk).toBeCloseTo(40 / 81, 14)
    expect(relative(empty?.lower ?? null, 0.14975712605726255)).toBeLessThan(1e-9)
    expect(relative(empty?.upper ?? null, 0.841527861336667)).toBeLessThan(1e-9)
  })

  it('falls back to the pooled rate and its Wilson interval when the rows agree (ρ ≤ 0)', () => {
    // 5/10 three times: S = 0, ρ = (0 − 2)/(30 − 10 − 2) = −1/9; Wilson of 15/30 from
    // scipy binomtest in test/reference/shrunk_rates.py (SAME).
    const fair = shrunkRates([
      { successes: 5, trials: 10 },
      { successes: 5, trials: 10 },
      { successes: 5, trials: 10 },
    ])
    expect(fair.prior).toBeNull()
    for (const row of fair.rows) {
      expect(row.shrunk).toBe(0.5)
      expect(row.lower).toBeCloseTo(0.3315412564053377, 12)
      expect(row.upper).toBeCloseTo(0.6684587435946623, 12)
    }
  })

  it('uses each row on its own when the spread exceeds the binomial (ρ ≥ 1)', () => {
    // 2/2 and 0/2: N = 4, p̂ = 1/2, S = 2·¼ + 2·¼ = 1, S/(p̂q̂) = 4; ρ = (4 − 1)/(4 − 2 − 1) = 3.
    // Wilson of 2/2 and 0/2 from test/reference/shrunk_rates.py (APART).
    const fair = shrunkRates([
      { successes: 2, trials: 2 },
      { successes: 0, trials: 2 },
    ])
    expect(fair.prior).toEqual({ alpha: 0, beta: 0 })
    expect(fair.rows.map((row) => row.shrunk)).toEqual([1, 0])
    expect(fair.rows[0]?.lower).toBeCloseTo(0.34238022750665303, 12)
    expect(fair.rows[0]?.upper).toBe(1)
    expect(fair.rows[1]?.lower).toBe(0)
    expect(fair.rows[1]?.upper).toBeCloseTo(0.6576197724933469, 12)
  })

  it('has a null prior for fewer than two rows with trials, p̂ of 0 or 1, and one trial per row', () => {
    const one = shrunkRates([{ successes: 3, trials: 4 }])
    expect(one.prior).toBeNull()
    expect(one.rows[0]?.shrunk).toBe(0.75)
    // All lost: p̂ = 0; Wilson of 0/7 has an exact lower bound 0.
    const none = shrunkRates([
      { successes: 0, trials: 3 },
      { successes: 0, trials: 4 },
    ])
    expect(none.prior).toBeNull()
    expect(none.rows.map((row) => row.shrunk)).toEqual([0, 0])
    expect(none.rows[0]?.lower).toBe(0)
    // nᵢ = 1 for every row: N − Σnᵢ²/N − (k − 1) = 3 − 1 − 2 = 0, no spread is measurable.
    const single = shrunkRates([
      { successes: 1, trials: 1 },
      { successes: 0, trials: 1 },
      { successes: 1, trials: 1 },
    ])
    expect(single.prior).toBeNull()
    expect(single.rows[0]?.shrunk).toBeCloseTo(2 / 3, 15)
  })

  it('returns no prior and null numbers when nobody has trials, and [] for no rows', () => {
    expect(shrunkRates([])).toEqual({ prior: null, pooledRate: null, confidence: 0.95, rows: [] })
    const empty = shrunkRates([{ successes: 0, trials: 0 }])
    expect(empty.rows).toEqual([
      { successes: 0, trials: 0, rate: null, shrunk: null, lower: null, upper: null },
    ])
  })

  it('uses the confidence option, and narrower confidence gives a narrower interval', () => {
    const wide = shrunkRates(TEAM, { confidence: 0.99 }).rows[1]
    const narrow = shrunkRates(TEAM, { confidence: 0.8 }).rows[1]
    expect((wide?.upper as number) - (wide?.lower as number)).toBeGreaterThan(
      (narrow?.upper as number) - (narrow?.lower as number),
    )
    expect(shrunkRates(TEAM, { confidence: 0.8 }).confidence).toBe(0.8)
  })

  it('handles huge counts', () => {
    const fair = shrunkRates([
      { successes: 4e12, trials: 1e13 },
      { successes: 5e12, trials: 1e13 },
      { successes: 1, trials: 3 },
    ])
    for (const row of fair.rows) {
      expect(row.lower as number).toBeGreaterThanOrEqual(0)
      expect(row.upper as number).toBeLessThanOrEqual(1)
      expect(row.lower as number).toBeLessThanOrEqual(row.shrunk as number)
    }
    // Two reps a whole 10 points apart on 10¹³ trials each: barely shrunk at all.
    expect(fair.rows[0]?.shrunk).toBeCloseTo(0.4, 6)
  })

  it('refuses impossible counts and options with the path of the value', () => {
    const metric = 'shrunkRates'
    expectMetricError(() => shrunkRates([{ successes: -1, trials: 2 }]), 'NEGATIVE_VALUE', {
      path: [0, 'successes'],
      metric,
    })
    expectMetricError(
      () => shrunkRates([TEAM[0]!, { successes: 1, trials: Number.NaN }]),
      'NOT_FINITE',
      { path: [1, 'trials'], metric },
    )
    expectMetricError(() => shrunkRates([{ successes: 3, trials: 2 }]), 'SUCCESSES_EXCEED_TRIALS', {
      path: [0, 'successes'],
      metric,
    })
    expectMetricError(
      () => shrunkRates([{ successes: 1, trials: 2 ** 60 }]),
      'VALUE_OUT_OF_RANGE',
      {
        path: [0, 'trials'],
        metric,
      },
    )
    expectMetricError(
      () => shrunkRates([{ successes: '1' as unknown as number, trials: 2 }]),
      'NOT_FINITE',
      { path: [0, 'successes'], metric },
    )
    expectMetricError(() => shrunkRates([null as never]), 'INVALID_RECORD', { path: [0], metric })
    expectMetricError(() => shrunkRates('rows' as never), 'VALUE_OUT_OF_RANGE', {
      path: [],
      metric,
    })
    expectMetricError(() => shrunkRates(TEAM, { confidence: 1 }), 'INVALID_OPTION', {
      path: ['confidence'],
      metric,
    })
    expectMetricError(() => shrunkRates(TEAM, 5 as never), 'INVALID_OPTION', { path: [], metric })
  })

  it('does not mutate its input and reads -0 as 0', () => {
    const rows = [
      { successes: -0, trials: 4 },
      { successes: 3, trials: 4 },
    ]
    const copy = structuredClone(rows)
    const fair = shrunkRates(rows)
    expect(rows).toEqual(copy)
    expect(Object.is(fair.rows[0]?.rate, 0)).toBe(true)
    expect(Object.is(fair.rows[0]?.successes, 0)).toBe(true)
  })

  const teams = fc
    .array(
      fc
        .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
        .map(([a, b]) => ({ successes: Math.min(a, b), trials: Math.max(a, b) })),
      { minLength: 0, maxLength: 25 },
    )
    .filter((rows) => rows.length > 0)

  it('puts each shrunk rate between the raw rate and the pooled rate (property)', () => {
    fc.assert(
      fc.property(teams, (rows) => {
        const fair = shrunkRates(rows)
        for (const row of fair.rows) {
          for (const value of [row.shrunk, row.lower, row.upper]) {
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0)
              expect(value).toBeLessThanOrEqual(1)
            }
          }
          if (row.rate === null || row.shrunk === null || fair.pooledRate === null) continue
          const low = Math.min(row.rate, fair.pooledRate) - 1e-12
          const high = Math.max(row.rate, fair.pooledRate) + 1e-12
          expect(row.shrunk).toBeGreaterThanOrEqual(low)
          expect(row.shrunk).toBeLessThanOrEqual(high)
          expect(row.lower as number).toBeLessThanOrEqual(row.upper as number)
        }
      }),
    )
  })

  it('fits the same prior whatever the order of the rows (property)', () => {
    fc.assert(
      fc.property(
        teams.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          const a = shrunkRates(rows).prior
          const b = shrunkRates(shuffled).prior
          if (a === null || b === null) {
            expect(a).toEqual(b)
            return
          }
          expect(Math.abs(a.alpha - b.alpha)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.alpha))
          expect(Math.abs(a.beta - b.beta)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.beta))
        },
      ),
    )
  })

  it('never ranks 2 of 2 above 40 of 60 in a team of ordinary reps (property)', () => {
    // Four to twenty other reps with 20–80 trials and rates 0.4–0.6: the spread between reps
    // is about what chance gives, so the prior has weight enough (or the prior is null and
    // both get p̂) to keep a 2-deal record from outranking a 60-deal 67 % record. (A team
    // that is itself very spread out, 30 % next to 70 %, fits a weak prior and can rank
    // 2 of 2 first: shrinkage is only as strong as the team is alike.)
    const others = fc.array(
      fc
        .tuple(fc.integer({ min: 20, max: 80 }), fc.double({ min: 0.4, max: 0.6, noNaN: true }))
        .map(([trials, rate]) => ({ successes: Math.round(trials * rate), trials })),
      { minLength: 4, maxLength: 20 },
    )
    fc.assert(
      fc.property(others, (rest) => {
        const fair = shrunkRates([
          { successes: 2, trials: 2 },
          { successes: 40, trials: 60 },
          ...rest,
        ])
        expect(fair.rows[0]?.shrunk as number).toBeLessThanOrEqual(fair.rows[1]?.shrunk as number)
      }),
    )
  })

  it('gives the same result under any host time zone (no dates involved)', () => {
    expect(shrunkRates(TEAM).rows[0]?.shrunk).toBeCloseTo(0.6150562351990052, 14)
  })
})
