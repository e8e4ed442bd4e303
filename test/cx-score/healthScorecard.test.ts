import { describe, expect, it } from 'vitest'
import { healthScorecard } from '../../src/cx-score/healthScorecard.js'
import { expectMetricError } from '../helpers.js'

const components = [
  { name: 'NPS', range: [-100, 100] as const, weight: 1 },
  { name: 'Usage', range: [0, 1] as const, weight: 1 },
]

describe('healthScorecard', () => {
  it('bands on the boundaries as min-inclusive, and counts unscored accounts', () => {
    const score = healthScorecard({ components })
    const { accounts, counts } = score([
      { id: 'fifty', values: { NPS: 0, Usage: 0.5 } },
      { id: 'seventy-five', values: { NPS: 50, Usage: 0.75 } },
      { id: 'empty', values: {} },
    ])
    expect(accounts.map((a) => [a.id, a.score, a.band])).toEqual([
      ['fifty', 50, 'yellow'],
      ['seventy-five', 75, 'green'],
      ['empty', null, null],
    ])
    expect(counts).toEqual({ red: 0, yellow: 1, green: 1, unscored: 1 })
  })

  it('reports the score change and the biggest mover, with custom bands', () => {
    const score = healthScorecard({
      components,
      bands: [
        { name: 'at risk', min: 0 },
        { name: 'healthy', min: 60 },
      ],
    })
    const [account] = score([
      { id: 'a', values: { NPS: 0, Usage: 0.2 }, previous: { NPS: 20, Usage: 0.8 } },
    ]).accounts
    // now (0.5 + 0.2)/2 = 35; before (0.6 + 0.8)/2 = 70; Usage moved −30 points, NPS −5.
    expect(account?.change).toBeCloseTo(-35, 12)
    expect(account?.band).toBe('at risk')
    expect(account?.biggestMover?.name).toBe('Usage')
    expect(account?.biggestMover?.pointsChange).toBeCloseTo(-30, 12)
  })

  it('refuses an empty or inconsistent definition and out-of-range values', () => {
    expectMetricError(() => healthScorecard({ components: [] }), 'INVALID_OPTION', {
      path: ['components'],
    })
    expectMetricError(
      () =>
        healthScorecard({
          components,
          bands: [
            { name: 'a', min: 50 },
            { name: 'b', min: 10 },
          ],
        }),
      'INVALID_OPTION',
      {
        path: ['bands', 1, 'min'],
      },
    )
    expectMetricError(
      () =>
        healthScorecard({
          components,
          bands: [
            { name: 'a', min: 0 },
            { name: 'a', min: 10 },
          ],
        }),
      'INVALID_OPTION',
      {
        path: ['bands', 1, 'name'],
      },
    )
    const score = healthScorecard({ components })
    expectMetricError(() => score([{ id: 'x', values: { NPS: 150 } }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'value'],
    })
  })

  it('matches the documented example', () => {
    const score = healthScorecard({
      components: [
        { name: 'NPS', range: [-100, 100], weight: 1 },
        { name: 'Usage', range: [0, 1], weight: 1 },
      ],
    })
    const { accounts, counts } = score([
      { id: 'acme', values: { NPS: 60, Usage: 0.9 }, previous: { NPS: 20, Usage: 0.9 } },
      { id: 'globex', values: { NPS: -40, Usage: 0.3 } },
    ])
    expect(accounts.map((a) => [a.id, a.score, a.band, a.biggestMover?.name ?? null])).toEqual([
      ['acme', 85, 'green', 'NPS'],
      ['globex', 30, 'red', null],
    ])
    expect(counts).toEqual({ red: 1, yellow: 0, green: 1, unscored: 0 })
  })
})
