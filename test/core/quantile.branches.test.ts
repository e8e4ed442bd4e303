import { describe, expect, it } from 'vitest'
import { quantile } from '../../src/core/quantile.js'
import { expectMetricError } from '../helpers.js'

describe('quantile (branches)', () => {
  it('reads a plain array-like object element by element', () => {
    // {3, 1, 4} sorted is 1, 3, 4; R type 7 at p = 0.25: h = (3 − 1) · 0.25 + 1 = 1.5,
    // x₁ + 0.5 · (x₂ − x₁) = 1 + 0.5 · 2 = 2.  numpy.quantile([3, 1, 4], 0.25) = 2.0.
    const values = { length: 3, 0: 3, 1: 1, 2: 4 } as ArrayLike<number>
    expect(quantile(values, 0.25)).toBe(2)
  })

  it('refuses a non-finite element of an array-like object with its index', () => {
    const values = { length: 3, 0: 3, 1: Number.NaN, 2: 4 } as ArrayLike<number>
    expectMetricError(() => quantile(values, 0.5), 'NOT_FINITE', {
      path: [1],
      metric: 'quantile',
    })
  })

  it('refuses a string element of an array-like object instead of coercing it', () => {
    const values = { length: 2, 0: '7' as unknown as number, 1: 4 } as ArrayLike<number>
    expectMetricError(() => quantile(values, 0.5), 'NOT_FINITE', {
      path: [0],
      metric: 'quantile',
    })
  })
})
