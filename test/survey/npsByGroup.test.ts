import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { npsByGroup } from '../../src/survey/npsByGroup.js'
import { expectMetricError } from '../helpers.js'

describe('npsByGroup', () => {
  it('equals netPromoterScore of each group, empty groups null, for any columns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 40 }))),
        (rows) => {
          const results = npsByGroup({
            scores: Uint8Array.from(rows.map((r) => r[0])),
            groups: rows.map((r) => r[1]),
          })
          const largest = Math.max(-1, ...rows.map((r) => r[1]))
          expect(results).toHaveLength(largest + 1)
          results.forEach((result, group) => {
            expect(result).toEqual(
              netPromoterScore(rows.filter((r) => r[1] === group).map((r) => r[0])),
            )
          })
        },
      ),
    )
  })

  it('refuses unequal columns, bad scores and bad codes', () => {
    expectMetricError(() => npsByGroup({ scores: [9], groups: [] }), 'LENGTH_MISMATCH', {
      path: ['groups'],
    })
    expectMetricError(() => npsByGroup({ scores: [12], groups: [0] }), 'SCORE_OUT_OF_RANGE', {
      path: ['scores', 0],
    })
    expectMetricError(() => npsByGroup({ scores: [9], groups: [1.5] }), 'VALUE_OUT_OF_RANGE', {
      path: ['groups', 0],
    })
    expectMetricError(() => npsByGroup({ scores: [9], groups: [-1] }), 'VALUE_OUT_OF_RANGE', {
      path: ['groups', 0],
    })
    expect(npsByGroup({ scores: [], groups: [] })).toEqual([])
  })

  it('matches the documented example', () => {
    expect(npsByGroup({ scores: [10, 3, 9, 7], groups: [0, 0, 1, 1] }).map((g) => g.score)).toEqual(
      [0, 50],
    )
  })
})
