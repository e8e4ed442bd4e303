import { describe, expect, it } from 'vitest'
import { shrunkRates } from '../../src/core/shrunkRates.js'

describe('shrunkRates (branches)', () => {
  it('does not pool when the rows differ more than binomial noise allows (ρ ≥ 1)', () => {
    // 0/10, 10/10, 0/10, 10/10 and an empty row: pooled p = 20/40 = 0.5, k = 4 rows with trials.
    // spread = Σ nᵢ (pᵢ − p)² = 4 · 10 · 0.25 = 10;  Σ nᵢ² / N = 4 · 100 / 40 = 10
    // ρ = (10 / 0.25 − 3) / (40 − 10 − 3) = 37 / 27 > 1 → α = β = 0 (no pooling):
    // each row keeps its own rate and its own Wilson interval; the empty row gets p and none.
    const result = shrunkRates([
      { successes: 0, trials: 10 },
      { successes: 10, trials: 10 },
      { successes: 0, trials: 10 },
      { successes: 10, trials: 10 },
      { successes: 0, trials: 0 },
    ])
    expect(result.prior).toEqual({ alpha: 0, beta: 0 })
    expect(result.pooledRate).toBe(0.5)
    const [zero, ten, , , empty] = result.rows
    expect(zero?.shrunk).toBe(0)
    expect(ten?.shrunk).toBe(1)
    // Wilson 95 % for 0/10 and 10/10 (python3, z = scipy norm.ppf(0.975)):
    // [0, 0.2775327998628892] and [0.7224672001371107, 1].
    expect(zero?.lower).toBeCloseTo(0, 12)
    expect(zero?.upper).toBeCloseTo(0.2775327998628892, 12)
    expect(ten?.lower).toBeCloseTo(0.7224672001371107, 12)
    expect(ten?.upper).toBeCloseTo(1, 12)
    expect(empty).toEqual({
      successes: 0,
      trials: 0,
      rate: null,
      shrunk: 0.5,
      lower: null,
      upper: null,
    })
  })
})
