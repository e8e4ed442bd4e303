import { describe, expect, it } from 'vitest'
import { cesComponent } from '../../src/cx-score/cesComponent.js'
import { csatComponent } from '../../src/cx-score/csatComponent.js'
import { cxScore } from '../../src/cx-score/cxScore.js'
import { npsComponent } from '../../src/cx-score/npsComponent.js'
import { retentionComponent } from '../../src/cx-score/retentionComponent.js'
import { winRateComponent } from '../../src/cx-score/winRateComponent.js'
import { winRate } from '../../src/pipeline/winRate.js'
import { customerRetentionRate } from '../../src/retention/customerRetentionRate.js'
import { csat } from '../../src/survey/csat.js'
import { customerEffortScore } from '../../src/survey/customerEffortScore.js'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'
import { npsInterval } from '../../src/survey/npsInterval.js'
import { expectMetricError } from '../helpers.js'

describe('component helpers', () => {
  it('carry the scale, direction and standard error of each family result', () => {
    // Adjusted-Wald SE of 2 promoters, 1 passive, 1 detractor (n' = 7, P' = 2.75, D' = 1.75):
    // 100 · √((p' + d' − (p' − d')²) / n') = 29.8196718…, from test/reference/cx_score.py.
    const component = npsComponent(npsInterval([10, 9, 7, 3]))
    expect(component).toMatchObject({ name: 'NPS', value: 25, range: [-100, 100] })
    expect(component.standardError).toBeCloseTo(29.819671828984607, 10)
    expect(npsComponent(netPromoterScore([10]), { weight: 2 })).toMatchObject({
      value: 100,
      weight: 2,
      standardError: null,
    })
    expect(npsComponent(null).value).toBeNull()
    expect(csatComponent(0.9)).toMatchObject({ value: 0.9, standardError: null })
    expect(csatComponent(csat([]))).toMatchObject({ value: null, standardError: null })
    expect(
      cesComponent(customerEffortScore([7], { method: 'agree-share' }), { method: 'agree-share' })
        .range,
    ).toEqual([0, 1])
    expect(cesComponent(3, { direction: 'lower-is-better', scaleMax: 5 })).toMatchObject({
      range: [1, 5],
      direction: 'lower-is-better',
    })
    expect(retentionComponent(1.05, { range: [0.5, 1.5] })).toMatchObject({
      value: 1.05,
      range: [0.5, 1.5],
      direction: 'higher-is-better',
    })
    expect(winRateComponent(0.3)).toMatchObject({ value: 0.3, standardError: null })
    expect(retentionComponent(0.8, { standardError: 0 }).standardError).toBe(0)
    expect(cesComponent(5, { standardError: 0.1 }).standardError).toBe(0.1)
    expect(npsComponent(npsInterval([9]), { standardError: 1 }).standardError).toBe(1)
  })

  it('match their documented examples: from raw figures to a component, into cxScore', () => {
    // npsComponent: [10, 9, 8, 6] → promoters 2, detractors 1, n 4 → NPS 100 · 1/4 = 25;
    // on [−100, 100] that is (25 + 100) / 200 = 0.625 → 62.5 points.
    const nps = npsComponent(netPromoterScore([10, 9, 8, 6]), { weight: 2 })
    expect(nps.value).toBe(25)
    expect(cxScore([nps]).score).toBe(62.5)
    expect(npsComponent(npsInterval([10, 9, 7, 3])).standardError !== null).toBe(true)
    // csatComponent: 5 and 4 satisfied of 4 → 0.5; SE √(0.5 · 0.5 / 4) = 0.25; 50 points.
    const satisfaction = csatComponent(csat([5, 4, 2, 1]))
    expect(satisfaction.standardError).toBe(0.25)
    expect(cxScore([satisfaction]).score).toBe(50)
    // cesComponent: mean of [7, 5, 3, 1] = 4 on [1, 7] → (4 − 1) / 6 = 0.5 → 50 points.
    const effort = cesComponent(customerEffortScore([7, 5, 3, 1]))
    expect(effort.range).toEqual([1, 7])
    expect(cxScore([effort]).score).toBe(50)
    expect(
      cesComponent(customerEffortScore([7, 6, 5, 2], { method: 'agree-share' })).range,
    ).toEqual([0, 1])
    // retentionComponent: (95 − 5) / 100 = 0.9; SE √(0.9 · 0.1 / 100) = 0.03; 90 points.
    const rate = customerRetentionRate({
      customersAtStart: 100,
      customersAtEnd: 95,
      newCustomers: 5,
    })
    const retention = retentionComponent(rate, { customers: 100 })
    expect(retention.standardError).toBeCloseTo(0.03, 15)
    expect(cxScore([retention]).score).toBeCloseTo(90, 12)
    // Churn 4 % on [0, 0.2], lower is better: 1 − 0.04 / 0.2 = 0.8 → 80 points.
    expect(
      cxScore([
        retentionComponent(0.04, {
          name: 'Logo churn',
          direction: 'lower-is-better',
          range: [0, 0.2],
        }),
      ]).score,
    ).toBeCloseTo(80, 12)
    // winRateComponent: 1 won, 3 lost → 0.25; SE √(0.25 · 0.75 / 4) = √0.046875; 25 points.
    const closed = (id: string, status: 'won' | 'lost') => ({
      id,
      status,
      amount: 1000,
      createdAt: new Date('2026-01-05'),
      closedAt: new Date('2026-02-01'),
      stageHistory: [],
    })
    const wins = winRateComponent(
      winRate([closed('a', 'won'), closed('b', 'lost'), closed('c', 'lost'), closed('d', 'lost')]),
    )
    expect(wins.value).toBe(0.25)
    expect(wins.standardError).toBeCloseTo(Math.sqrt(0.046875), 15)
    expect(cxScore([wins]).score).toBe(25)
  })
})

describe('components carry a standard error where one exists', () => {
  it('gives a CES mean the standard error s/√n of its result (R: sd(c(7,6,5,2))/2 = 1.080123)', () => {
    const component = cesComponent(customerEffortScore([7, 6, 5, 2]))
    expect(component.standardError).toBeCloseTo(1.0801234497, 9)
  })

  it('takes statistic and scale from a CES result, refusing a contradicting option at once', () => {
    const share = customerEffortScore([7, 6, 5, 2], { statistic: 'agree-share' })
    expect(cesComponent(share)).toMatchObject({ value: 0.75, range: [0, 1] })
    // The 0.1 name `method` is still read, and refused under the canonical name.
    for (const options of [{ statistic: 'agree-share' }, { method: 'agree-share' }] as const) {
      expectMetricError(
        () => cesComponent(customerEffortScore([7, 6]), options),
        'INVALID_OPTION',
        { path: ['statistic'], metric: 'cesComponent', message: /statistic/ },
      )
    }
    expectMetricError(
      () => cesComponent(share, { statistic: 'agree-share', method: 'mean' }),
      'INVALID_OPTION',
      { path: ['statistic'], metric: 'cesComponent' },
    )
    expectMetricError(
      () => cesComponent(customerEffortScore([4, 5], { scaleMax: 5 }), { scaleMax: 7 }),
      'INVALID_OPTION',
      { path: ['scaleMax'], metric: 'cesComponent' },
    )
    // A 5-point result keeps its own scale: range [1, 5].
    expect(cesComponent(customerEffortScore([4, 5], { scaleMax: 5 })).range).toEqual([1, 5])
  })

  it('gives a logo retention rate the binomial error √(p(1 − p)/n) of its customer count', () => {
    // 45 of 50 customers kept: √(0.9 · 0.1 / 50) = 0.0424264…
    expect(retentionComponent(0.9, { customers: 50 }).standardError).toBeCloseTo(0.0424264069, 9)
    expect(retentionComponent(0.9).standardError).toBeNull()
    expect(retentionComponent(null, { customers: 50 }).standardError).toBeNull()
    expectMetricError(() => retentionComponent(0.9, { customers: -1 }), 'VALUE_OUT_OF_RANGE', {
      path: ['customers'],
      metric: 'retentionComponent',
    })
    expectMetricError(() => retentionComponent(1.2, { customers: 10 }), 'VALUE_OUT_OF_RANGE', {
      path: ['customers'],
    })
  })
})
