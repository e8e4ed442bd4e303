import { describe, expect, it } from 'vitest'
import { healthScorecard, scoreAccountHealth } from '../../src/cx-score/healthScorecard.js'
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
    // The error names healthScorecard and the account's value (account 0, values.NPS), not
    // the internal cxScore call's component index.
    expectMetricError(() => score([{ id: 'x', values: { NPS: 150 } }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'values', 'NPS'],
      metric: 'healthScorecard',
    })
    expectMetricError(
      () =>
        score([
          { id: 'ok', values: { NPS: 1 } },
          { id: 'x', values: { NPS: 1 }, previous: { NPS: Number.NaN } },
        ]),
      'NOT_FINITE',
      { path: [1, 'previous', 'NPS'], metric: 'healthScorecard' },
    )
  })

  it('matches the documented example (scoreAccountHealth)', () => {
    // acme: NPS 60 → 0.8, Usage 0.9 → (0.8 + 0.9) / 2 = 85; before NPS 20 → 0.6 → 75, so NPS
    // moved; globex: NPS −40 → 0.3, Usage 0.3 → 30.
    const score = scoreAccountHealth({
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

describe('healthScorecard at scale and on hostile input', () => {
  const nps = [{ name: 'NPS', range: [-100, 100] as const, weight: 1 }]

  it('scores 1,000 accounts against 30,000 bands by bisection (was 2.2 s, now ~45 ms)', () => {
    // Band k starts at k/300; NPS 50 → score 75 by hand → the last band with k/300 ≤ 75 is
    // k = 22,500; NPS −100 → score 0 → band 0.
    const bands = Array.from({ length: 30_000 }, (_, k) => ({ name: `b${k}`, min: k / 300 }))
    const accounts = Array.from({ length: 1_000 }, (_, i) => ({
      id: `a${i}`,
      values: { NPS: i % 2 === 0 ? 50 : -100 },
    }))
    const { accounts: scored, counts } = healthScorecard({ components: nps, bands })(accounts)
    expect(scored[0]?.band).toBe('b22500')
    expect(scored[1]?.band).toBe('b0')
    expect(counts.b22500).toBe(500)
  })

  it('refuses more than 100,000 bands, a repeated name and a band that is not an object', () => {
    const many = Array.from({ length: 100_001 }, (_, k) => ({ name: `b${k}`, min: k }))
    expectMetricError(() => healthScorecard({ components: nps, bands: many }), 'INVALID_OPTION', {
      path: ['bands'],
      metric: 'healthScorecard',
    })
    expectMetricError(
      () =>
        healthScorecard({
          components: nps,
          bands: [
            { name: 'a', min: 0 },
            { name: 'a', min: 1 },
          ],
        }),
      'INVALID_OPTION',
      { path: ['bands', 1, 'name'] },
    )
    expectMetricError(
      () => healthScorecard({ components: nps, bands: [null as never] }),
      'INVALID_OPTION',
      { path: ['bands', 0] },
    )
    expectMetricError(() => healthScorecard(null as never), 'INVALID_OPTION', { path: [] })
  })

  it('refuses accounts that are not objects and ignores inherited keys such as constructor', () => {
    const score = healthScorecard({
      components: [{ name: 'constructor', range: [0, 1], weight: 1 }],
    })
    // Object.prototype.constructor is not this account's value: the account is unscored.
    expect(score([{ id: 'x', values: {} }]).counts.unscored).toBe(1)
    expectMetricError(() => score([null as never]), 'VALUE_OUT_OF_RANGE', {
      path: [0],
      metric: 'healthScorecard',
    })
    expectMetricError(() => score([{ id: 'x', values: null as never }]), 'VALUE_OUT_OF_RANGE', {
      path: [0, 'values'],
    })
    expectMetricError(() => score(true as never), 'VALUE_OUT_OF_RANGE', { path: [] })
  })
})

describe('scoreAccountHealth and healthScorecard errors (issue 13)', () => {
  it('scoreAccountHealth is the verb-named builder: the same results as healthScorecard', () => {
    const accounts = [
      { id: 'a', values: { NPS: 20, Usage: 0.4 }, previous: { NPS: 0, Usage: 0.4 } },
      { id: 'b', values: { NPS: null, Usage: 0.9 } },
    ]
    // a: (0.6 + 0.4) / 2 = 50 (yellow), NPS moved +5 points; b: Usage only → 90 (green).
    const result = scoreAccountHealth({ components })(accounts)
    expect(result.accounts.map((account) => [account.id, account.score, account.band])).toEqual([
      ['a', 50, 'yellow'],
      ['b', 90, 'green'],
    ])
    expect(healthScorecard({ components })(accounts)).toEqual(result)
  })

  it('names the builder the user called, with the account, the field and the component name', () => {
    for (const [build, metric] of [
      [healthScorecard, 'healthScorecard'],
      [scoreAccountHealth, 'scoreAccountHealth'],
    ] as const) {
      const score = build({ components, missing: 'error' })
      expectMetricError(
        () =>
          score([
            { id: 'ok', values: { NPS: 1, Usage: 1 } },
            { id: 'x', values: { NPS: 1 } },
          ]),
        'MISSING_VALUE',
        { path: [1, 'values', 'Usage'], metric },
      )
      expectMetricError(
        () => score([{ id: 'x', values: { NPS: 1, Usage: '0.5' as never } }]),
        'NOT_FINITE',
        { path: [0, 'values', 'Usage'], metric, message: `${metric}: account 0, values.Usage: ` },
      )
    }
  })

  it('refuses a bad definition once, when the scorecard is built, as INVALID_OPTION', () => {
    // Before 0.2 these surfaced per account, as cxScore's VALUE_OUT_OF_RANGE at [i, 'values', name].
    expectMetricError(
      () => healthScorecard({ components: [{ name: 'NPS', range: [100, -100], weight: 1 }] }),
      'INVALID_OPTION',
      { path: ['components', 0, 'range'], metric: 'healthScorecard' },
    )
    expectMetricError(
      () =>
        scoreAccountHealth({
          components: [...components, { name: 'NPS', range: [0, 1], weight: 1 }],
        }),
      'INVALID_OPTION',
      { path: ['components', 2, 'name'], metric: 'scoreAccountHealth' },
    )
    expectMetricError(
      () => healthScorecard({ components: [{ name: 'NPS', range: [0, 1], weight: -1 }] }),
      'INVALID_OPTION',
      { path: ['components', 0, 'weight'] },
    )
    expectMetricError(
      () => healthScorecard({ components, missing: 'skip' as never }),
      'INVALID_OPTION',
      { path: ['missing'], metric: 'healthScorecard' },
    )
  })

  it('matches the documented example of healthScorecard', () => {
    const score = healthScorecard({ components: [{ name: 'NPS', range: [-100, 100], weight: 1 }] })
    // NPS 50 → (50 + 100) / 200 = 0.75 → 75 points, green from 75.
    expect(score([{ id: 'acme', values: { NPS: 50 } }]).accounts[0]?.band).toBe('green')
  })
})
