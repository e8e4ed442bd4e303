import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { quantile } from '../../src/core/quantile.js'
import { quantiles } from '../../src/core/quantiles.js'
import { expectMetricError } from '../helpers.js'

describe('quantiles', () => {
  it('equals quantile for each probability, in any order of probabilities', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        fc.constantFrom('linear', 'nearest-rank', 'exclusive') as fc.Arbitrary<
          'linear' | 'nearest-rank' | 'exclusive'
        >,
        (values, ps, method) => {
          expect(quantiles(values, ps, { method })).toEqual(
            ps.map((p) => quantile(values, p, { method })),
          )
        },
      ),
    )
  })

  it('refuses bad probabilities, values and methods', () => {
    expectMetricError(() => quantiles([1], [0.5, 2]), 'VALUE_OUT_OF_RANGE', {
      path: ['probabilities', 1],
    })
    expectMetricError(() => quantiles([Number.NaN], [0.5]), 'NOT_FINITE', { path: [0] })
    expectMetricError(() => quantiles([1], [0.5], { method: 'x' as 'linear' }), 'INVALID_OPTION')
  })

  it('matches the documented example', () => {
    expect(quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.5, 0.9])).toEqual([5.5, 9.1])
  })
})
