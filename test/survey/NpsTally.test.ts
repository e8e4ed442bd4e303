import { describe, expect, expectTypeOf, it } from 'vitest'
import { classifyNps } from '../../src/survey/classifyNps.js'
import {
  NPS_CLASSES,
  NPS_INTERVAL_METHODS,
  type NpsClass,
  type NpsIntervalMethod,
  type NpsTally,
  type NpsTallyInput,
} from '../../src/survey/NpsTally.js'
import { npsInterval } from '../../src/survey/npsInterval.js'
import { expectMetricError } from '../helpers.js'

describe('NpsTally', () => {
  it('NPS_CLASSES runs worst to best: what classifyNps gives 0–6, 7–8 and 9–10 (Bain)', () => {
    const expected: [number, NpsClass][] = [
      [0, NPS_CLASSES[0]],
      [6, NPS_CLASSES[0]],
      [7, NPS_CLASSES[1]],
      [8, NPS_CLASSES[1]],
      [9, NPS_CLASSES[2]],
      [10, NPS_CLASSES[2]],
    ]
    for (const [score, name] of expected) expect(classifyNps(score), String(score)).toBe(name)
    // and every class classifyNps can return is listed
    const seen = new Set<NpsClass>()
    for (let score = 0; score <= 10; score++) seen.add(classifyNps(score))
    expect([...seen].sort()).toEqual([...NPS_CLASSES].sort())
  })

  it('NPS_INTERVAL_METHODS: the first is npsInterval’s default, each one is accepted, others refused', () => {
    const tally = { promoters: 2, passives: 1, detractors: 1 }
    expect(npsInterval(tally)).toEqual(npsInterval(tally, { method: NPS_INTERVAL_METHODS[0] }))
    // Standard errors from test/reference/nps_intervals.py (P = 2, passive = 1, D = 1):
    //   adjusted-wald: 100 · √((p' + d' − (p' − d')²)/7), p' = 2.75/7, d' = 1.75/7 = 29.8196718…
    //   wald:          100 · √((0.5 + 0.25 − 0.0625)/4) = 41.4578098…
    const expectedError: Record<NpsIntervalMethod, number> = {
      'adjusted-wald': 29.819671828984607,
      wald: 41.45780987944249,
    }
    for (const method of NPS_INTERVAL_METHODS) {
      const result = npsInterval(tally, { method })
      expect(result.method).toBe(method)
      expect(result.standardError).toBeCloseTo(expectedError[method], 10)
    }
    expectMetricError(
      () => npsInterval(tally, { method: 'exact' as NpsIntervalMethod }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'npsInterval' },
    )
  })

  it('types (checked by tsc): classes and methods derive from their lists; a tally carries its total', () => {
    expectTypeOf<NpsClass>().toEqualTypeOf<(typeof NPS_CLASSES)[number]>()
    expectTypeOf<NpsIntervalMethod>().toEqualTypeOf<(typeof NPS_INTERVAL_METHODS)[number]>()
    expectTypeOf<'neutral'>().not.toExtend<NpsClass>()
    expectTypeOf<{ promoters: 1; passives: 0; detractors: 0 }>().toExtend<NpsTallyInput>()
    expectTypeOf<{ promoters: 1; passives: 0; detractors: 0 }>().not.toExtend<NpsTally>()
    // At run time npsInterval checks a given total against the counts.
    const tally: NpsTally = { promoters: 1, passives: 0, detractors: 0, total: 2 }
    expectMetricError(() => npsInterval(tally), 'INCONSISTENT_TOTAL', { metric: 'npsInterval' })
  })
})
