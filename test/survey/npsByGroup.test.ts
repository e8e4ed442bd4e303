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
    for (const score of [-1, 9.5, Number.NaN, 11]) {
      expectMetricError(
        () => npsByGroup({ scores: [10, score], groups: [0, 0] }),
        'SCORE_OUT_OF_RANGE',
        {
          path: ['scores', 1],
        },
      )
    }
    expectMetricError(
      () => npsByGroup({ scores: [9], groups: [Number.NaN] }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['groups', 0],
      },
    )
    expect(npsByGroup({ scores: [], groups: [] })).toEqual([])
  })

  it('matches a hand-worked tally per group, with an empty group between', () => {
    // By hand: group 0 = {10, 9, 8, 2} → P 2, D 1, n 4 → 100·(2 − 1)/4 = 25;
    // group 1 has no response → null; group 2 = {6, 6, 7} → P 0, D 2, n 3 → −66.67.
    const [g0, g1, g2] = npsByGroup({
      scores: Uint8Array.of(10, 6, 9, 8, 6, 2, 7),
      groups: Uint16Array.of(0, 2, 0, 0, 2, 0, 2),
    })
    expect(g0).toMatchObject({ score: 25, promoters: 2, passives: 1, detractors: 1, total: 4 })
    expect(g1).toMatchObject({ score: null, total: 0 })
    expect(g2?.score).toBeCloseTo(-200 / 3, 12)
  })

  it('accepts the largest code 65535 and a million responses in one group', () => {
    // 1,000,000 promoters in group 65535 → NPS 100; groups 0 … 65534 are empty.
    const results = npsByGroup({
      scores: new Uint8Array(1_000_000).fill(10),
      groups: new Uint16Array(1_000_000).fill(65535),
    })
    expect(results).toHaveLength(65536)
    expect(results[65535]).toMatchObject({ score: 100, promoters: 1_000_000, total: 1_000_000 })
    expect(results[0]?.score).toBeNull()
    expectMetricError(() => npsByGroup({ scores: [9], groups: [65536] }), 'VALUE_OUT_OF_RANGE', {
      path: ['groups', 0],
    })
  })

  it('matches the documented example', () => {
    expect(npsByGroup({ scores: [10, 3, 9, 7], groups: [0, 0, 1, 1] }).map((g) => g.score)).toEqual(
      [0, 50],
    )
  })
})
