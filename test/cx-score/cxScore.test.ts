import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CxComponent } from '../../src/cx-score/CxComponent.js'
import { cesComponent } from '../../src/cx-score/cesComponent.js'
import { CX_SCORE_MISSING_POLICIES, cxScore } from '../../src/cx-score/cxScore.js'
import { retentionComponent } from '../../src/cx-score/retentionComponent.js'
import { customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { expectMetricError } from '../helpers.js'

describe('cxScore', () => {
  it('rescales like the ACSI: (mean − min)/(max − min) × 100 for one component', () => {
    // ACSI items on 1–10: a mean of 8.2 rescales to (8.2 − 1)/9 × 100 = 80.
    expect(
      cxScore([{ name: 'ACSI item', value: 8.2, range: [1, 10], weight: 1 }]).score,
    ).toBeCloseTo(80, 12)
  })

  it('renormalises the weights over present components and reports coverage, listing missing ones with 0 points', () => {
    const result = cxScore([
      { name: 'NPS', value: 20, range: [-100, 100], weight: 3 },
      { name: 'CSAT', value: null, range: [0, 1], weight: 1 },
    ])
    // Only NPS: (20 + 100)/200 = 0.6 → 60; coverage 3/4.
    expect(result.score).toBeCloseTo(60, 12)
    expect(result.coverage).toBe(0.75)
    expect(result.contributions[1]).toEqual({
      name: 'CSAT',
      value: null,
      normalized: null,
      weight: 1,
      effectiveWeight: 0,
      points: 0,
    })
  })

  it('is null with coverage 0 when everything is missing, or nothing is given', () => {
    expect(cxScore([{ name: 'NPS', value: null, range: [-100, 100], weight: 1 }])).toMatchObject({
      score: null,
      coverage: 0,
    })
    expect(cxScore([])).toMatchObject({ score: null, coverage: 0, contributions: [] })
  })

  it('propagates standard errors as Var(Σ wᵢxᵢ) = Σ wᵢ² Var(xᵢ) on the normalised scale (hand-worked)', () => {
    const result = cxScore([
      { name: 'NPS', value: 0, range: [-100, 100], weight: 1, standardError: 10 },
      { name: 'CSAT', value: 0.5, range: [0, 1], weight: 1, standardError: 0.05 },
    ])
    // normalised SEs 10/200 = 0.05 and 0.05; effective weights ½: SE = 100·sqrt(2·(0.5·0.05)²) = 3.5355
    expect(result.standardError).toBeCloseTo(100 * Math.sqrt(2 * 0.025 ** 2), 12)
    expect(result.lower).toBeCloseTo(50 - 1.959963984540054 * result.standardError!, 9)
    expect(
      cxScore([{ name: 'NPS', value: 0, range: [-100, 100], weight: 1 }]).standardError,
    ).toBeNull()
  })

  it("refuses values outside their range, bad weights, ranges and names, and missing values with missing: 'error'", () => {
    const base: CxComponent = { name: 'x', value: 0.5, range: [0, 1], weight: 1 }
    expectMetricError(() => cxScore([{ ...base, value: 1.2 }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'value'],
    })
    expectMetricError(() => cxScore([{ ...base, value: Number.NaN }]), 'NOT_FINITE', {
      path: [0, 'value'],
    })
    expectMetricError(() => cxScore([{ ...base, weight: 0 }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'weight'],
    })
    expectMetricError(() => cxScore([{ ...base, weight: -1 }]), 'NEGATIVE_VALUE', {
      path: [0, 'weight'],
    })
    expectMetricError(() => cxScore([{ ...base, range: [1, 1] }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'range'],
    })
    expectMetricError(
      () => cxScore([{ ...base, direction: 'up' as 'higher-is-better' }]),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'direction'] },
    )
    expectMetricError(() => cxScore([{ ...base, standardError: -1 }]), 'NEGATIVE_VALUE', {
      path: [0, 'standardError'],
    })
    expectMetricError(() => cxScore([base, base]), 'DUPLICATE_ID', { path: [1, 'name'] })
    expectMetricError(
      () => cxScore([{ ...base, value: null }], { missing: 'error' }),
      'MISSING_VALUE',
      { path: [0, 'value'] },
    )
    expectMetricError(() => cxScore([base], { missing: 'drop' as 'error' }), 'INVALID_OPTION', {
      path: ['missing'],
    })
  })

  const component = fc.record({
    value: fc.double({ min: 0, max: 1, noNaN: true }),
    weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
    lower: fc.boolean(),
  })

  it('all at best is 100, all at worst is 0, and the points add up to the score', () => {
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 8 }), (rows) => {
        const make = (best: boolean) =>
          rows.map(
            (row, index): CxComponent => ({
              name: `c${index}`,
              value: best !== row.lower ? 1 : 0,
              range: [0, 1],
              weight: row.weight,
              direction: row.lower ? 'lower-is-better' : 'higher-is-better',
            }),
          )
        expect(cxScore(make(true)).score).toBeCloseTo(100, 9)
        expect(cxScore(make(false)).score).toBeCloseTo(0, 9)
        const mixed = cxScore(
          rows.map((row, index) => ({
            name: `c${index}`,
            value: row.value,
            range: [0, 1],
            weight: row.weight,
          })),
        )
        expect(mixed.contributions.reduce((sum, c) => sum + c.points, 0)).toBeCloseTo(
          mixed.score!,
          9,
        )
      }),
    )
  })

  it('ignores the order of components and is unchanged when every weight is scaled', () => {
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0.1, max: 1000, noNaN: true }),
        (rows, k) => {
          const build = (factor: number) =>
            rows.map(
              (row, index): CxComponent => ({
                name: `c${index}`,
                value: row.value,
                range: [0, 1],
                weight: row.weight * factor,
              }),
            )
          const score = cxScore(build(1)).score!
          expect(cxScore([...build(1)].reverse()).score).toBeCloseTo(score, 9)
          expect(cxScore(build(k)).score).toBeCloseTo(score, 9)
        },
      ),
    )
  })

  it('matches the documented example', () => {
    const result = cxScore([
      { name: 'NPS', value: 40, range: [-100, 100], weight: 2 },
      { name: 'CSAT', value: 0.8, range: [0, 1], weight: 1 },
      { name: 'Churn', value: 0.1, range: [0, 0.5], weight: 1, direction: 'lower-is-better' },
    ])
    expect(result.score).toBe(75)
    expect(result.contributions.map((c) => c.points)).toEqual([35, 20, 20])
  })
})

describe('cxScore says which component has no standard error', () => {
  it('gives an interval with CES and logo retention components that now carry errors', () => {
    // CES mean 5 on [1, 7], SE 1.0801234 (s/√n); retention 0.9 of 100 logos, SE 0.03.
    // Equal weights: SE = 100 · √((½ · 1.0801234/6)² + (½ · 0.03)²) = 100 · √(0.0081018 + 0.000225)
    //              = 9.125…
    const result = cxScore([
      cesComponent(customerEffortScore([7, 6, 5, 2])),
      retentionComponent(0.9, { customers: 100 }),
    ])
    expect(result.withoutStandardError).toEqual([])
    expect(result.standardError).toBeCloseTo(
      100 * Math.sqrt((0.5 * (1.0801234497 / 6)) ** 2 + (0.5 * 0.03) ** 2),
      8,
    )
    // score = 100 · (½ · (5 − 1)/6 + ½ · 0.9) = 78.333…; bounds ± 1.959964 · SE, from
    // test/reference/cx_score.py.
    expect(result.score).toBeCloseTo(78.33333333333333, 10)
    expect(result.lower).toBeCloseTo(60.44835122685374, 8)
    expect(result.upper).toBeCloseTo(96.21831543981293, 8)
  })

  it('names the present components without one when the interval is null', () => {
    const result = cxScore([
      { name: 'NPS', value: 40, range: [-100, 100], weight: 1, standardError: 5 },
      { name: 'GRR', value: 0.92, range: [0, 1], weight: 1 },
      { name: 'Usage', value: null, range: [0, 1], weight: 1 },
    ])
    expect(result.standardError).toBeNull()
    expect(result.lower).toBeNull()
    expect(result.withoutStandardError).toEqual(['GRR'])
  })
})

describe('CX_SCORE_MISSING_POLICIES', () => {
  it('matches the documented example, and each policy is accepted by cxScore', () => {
    expect(CX_SCORE_MISSING_POLICIES).toEqual(['renormalize', 'error'])
    const parts = [
      { name: 'NPS', value: 50, range: [-100, 100] as const, weight: 1 },
      { name: 'CSAT', value: null, range: [0, 1] as const, weight: 1 },
    ]
    // renormalize: NPS alone, (50 + 100) / 200 = 0.75 → 75; error: the missing CSAT throws.
    expect(cxScore(parts, { missing: 'renormalize' }).score).toBe(75)
    expectMetricError(() => cxScore(parts, { missing: 'error' }), 'MISSING_VALUE', {
      path: [1, 'value'],
      metric: 'cxScore',
    })
  })
})
