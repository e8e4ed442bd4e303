import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kaplanMeier } from '../../src/survival/kaplanMeier.js'
import { expectMetricError } from '../helpers.js'

// R survival's `aml` data (acute myelogenous leukaemia, Embury et al. 1977).
const maintained = {
  durations: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
  events: [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0],
}
const nonmaintained = {
  durations: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  events: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
}

describe('kaplanMeier', () => {
  it('matches R summary(survfit(Surv(time, status) ~ x, data = aml)) for the Maintained group', () => {
    // time n.risk n.event survival std.err lower 95% CI upper 95% CI
    const r = [
      [9, 11, 1, 0.909, 0.0867, 0.7541, 1.0],
      [13, 10, 1, 0.818, 0.1163, 0.6192, 1.0],
      [18, 8, 1, 0.716, 0.1397, 0.4884, 1.0],
      [23, 7, 1, 0.614, 0.1526, 0.3769, 0.999],
      [31, 5, 1, 0.491, 0.1642, 0.2549, 0.946],
      [34, 4, 1, 0.368, 0.1627, 0.1549, 0.875],
      [48, 2, 1, 0.184, 0.1535, 0.0359, 0.944],
    ]
    const { steps, median, medianInterval } = kaplanMeier(maintained)
    expect(steps).toHaveLength(r.length)
    steps.forEach((step, index) => {
      const [time, atRisk, events, survival, standardError, lower, upper] = r[index] as number[]
      expect(step.time).toBe(time)
      expect(step.atRisk).toBe(atRisk)
      expect(step.events).toBe(events)
      expect(step.survival).toBeCloseTo(survival as number, 3)
      expect(step.standardError).toBeCloseTo(standardError as number, 4)
      expect(step.lower).toBeCloseTo(lower as number, 4)
      expect(step.upper).toBeCloseTo(upper as number, 3)
    })
    // R print(survfit(...)): median 31, 0.95LCL 18, 0.95UCL NA
    expect(median).toBe(31)
    expect(medianInterval).toEqual({ lower: 18, upper: null })
    expect(steps[1]?.censored).toBe(1) // the censoring at 13 is still at risk at 13
  })

  it('matches R for the Nonmaintained group, where survival reaches 0 and the bounds are NA', () => {
    const r = [
      [5, 12, 2, 0.8333, 0.1076, 0.647, 1.0],
      [8, 10, 2, 0.6667, 0.1361, 0.4468, 0.995],
      [12, 8, 1, 0.5833, 0.1423, 0.3616, 0.941],
      [23, 6, 1, 0.4861, 0.1481, 0.2675, 0.883],
      [27, 5, 1, 0.3889, 0.147, 0.1854, 0.816],
      [30, 4, 1, 0.2917, 0.1387, 0.1148, 0.741],
      [33, 3, 1, 0.1944, 0.1219, 0.0569, 0.664],
      [43, 2, 1, 0.0972, 0.0919, 0.0153, 0.62],
    ]
    const { steps, median, medianInterval } = kaplanMeier(nonmaintained)
    r.forEach(([time, atRisk, events, survival, standardError, lower, upper], index) => {
      const step = steps[index]!
      expect([step.time, step.atRisk, step.events]).toEqual([time, atRisk, events])
      expect(step.survival).toBeCloseTo(survival as number, 4)
      expect(step.standardError).toBeCloseTo(standardError as number, 4)
      expect(step.lower).toBeCloseTo(lower as number, 4)
      expect(step.upper).toBeCloseTo(upper as number, 3)
    })
    expect(steps[8]).toEqual({
      time: 45,
      atRisk: 1,
      events: 1,
      censored: 0,
      survival: 0,
      standardError: null,
      lower: null,
      upper: null,
    })
    // R: median 23, 0.95LCL 8, 0.95UCL NA
    expect(median).toBe(23)
    expect(medianInterval).toEqual({ lower: 8, upper: null })
  })

  it("log-log bounds (lifelines' exponential Greenwood) match the formula worked independently", () => {
    // exp(−exp(log(−log S) ∓ z·sqrt(Σ d/(n(n−d)))/log S)), evaluated in Python for aml Maintained
    // (rerun test/reference/kaplan_meier.py).
    const { steps } = kaplanMeier(maintained, { interval: 'log-log' })
    expect(steps[0]?.lower).toBeCloseTo(0.5080802057699297, 10)
    expect(steps[0]?.upper).toBeCloseTo(0.9866738226678231, 10)
    expect(steps[6]?.lower).toBeCloseTo(0.011738480123189602, 10)
    expect(steps[6]?.upper).toBeCloseTo(0.5250148427266415, 10)
  })

  it('takes the interval method as method, with interval as its SPEC alias, and refuses the two disagreeing', () => {
    // The log-log bounds of the test above (test/reference/kaplan_meier.py), asked for by the new name.
    const curve = kaplanMeier(maintained, { method: 'log-log' })
    expect(curve.steps[0]?.lower).toBeCloseTo(0.5080802057699297, 10)
    expect(curve.steps[0]?.upper).toBeCloseTo(0.9866738226678231, 10)
    expect([curve.method, curve.interval]).toEqual(['log-log', 'log-log'])
    expect(kaplanMeier(maintained, { interval: 'log-log' }).steps).toEqual(curve.steps)
    expect(kaplanMeier(maintained, { method: 'log-log', interval: 'log-log' }).steps).toEqual(
      curve.steps,
    )
    expect(kaplanMeier(maintained).method).toBe('log')
    expectMetricError(
      () => kaplanMeier(maintained, { method: 'plain', interval: 'log' }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'kaplanMeier' },
    )
    expectMetricError(
      () => kaplanMeier(maintained, { method: 'arcsine' as 'log' }),
      'INVALID_OPTION',
      { path: ['method'], metric: 'kaplanMeier' },
    )
    expectMetricError(
      () => kaplanMeier(maintained, { interval: 'arcsine' as 'log' }),
      'INVALID_OPTION',
      { path: ['interval'], metric: 'kaplanMeier' },
    )
  })

  it('plain bounds are S ± z·SE clipped to [0, 1]', () => {
    // Greenwood SE, z = norm.ppf(0.975): test/reference/kaplan_meier.py
    const { steps } = kaplanMeier(maintained, { interval: 'plain' })
    expect(steps[0]?.lower).toBeCloseTo(0.7392043331338484, 10)
    expect(steps[0]?.upper).toBe(1)
    expect(steps[6]?.lower).toBe(0)
    expect(steps[6]?.upper).toBeCloseTo(0.48493116272020675, 10)
  })

  it('processes ties together, keeps a censoring at t at risk at t, and takes the midpoint at exactly 0.5', () => {
    const { steps, median } = kaplanMeier({
      durations: [2, 2, 2, 3],
      events: [true, true, false, true],
    })
    expect(
      steps.map((step) => [step.time, step.atRisk, step.events, step.censored, step.survival]),
    ).toEqual([
      [2, 4, 2, 1, 0.5],
      [3, 1, 1, 0, 0],
    ])
    expect(median).toBe(2.5)
    // Survival that stays at 0.5 to the end: the time it reached 0.5.
    expect(kaplanMeier({ durations: [1, 2, 5], events: [1, 0, 0] }).median).toBeNull()
    expect(kaplanMeier({ durations: [1, 2], events: [1, 0] }).median).toBe(1)
  })

  it('supports late entry: at risk at t iff entry < t ≤ duration (hand-worked, as R Surv(entry, time, status))', () => {
    const { steps } = kaplanMeier({
      durations: [3, 5, 6, 8, 10],
      events: [1, 1, 0, 1, 1],
      entries: [0, 2, 4, 1, 5],
    })
    expect(steps.map((step) => [step.time, step.atRisk])).toEqual([
      [3, 3],
      [5, 3],
      [8, 2],
      [10, 1],
    ])
    expect(steps.map((step) => step.survival)).toEqual(
      [2 / 3, 4 / 9, 2 / 9, 0].map((x) => expect.closeTo(x, 14)),
    )
  })

  it('plugs case weights into the counts and the Greenwood sum', () => {
    const { steps } = kaplanMeier({
      durations: [1, 2, 3, 4],
      events: [1, 1, 1, 1],
      weights: [2, 1, 1, 1],
    })
    expect(steps.map((step) => [step.atRisk, step.events])).toEqual([
      [5, 2],
      [3, 1],
      [2, 1],
      [1, 1],
    ])
    expect(steps.map((step) => step.survival)).toEqual(
      [0.6, 0.4, 0.2, 0].map((x) => expect.closeTo(x, 14)),
    )
    expect(steps[0]?.standardError).toBeCloseTo(0.6 * Math.sqrt(2 / 15), 14)
  })

  it('gives no steps and a null median without events, and does not drop to 0 after a last censoring', () => {
    expect(kaplanMeier({ durations: [], events: [] })).toMatchObject({ steps: [], median: null })
    expect(kaplanMeier({ durations: [3, 4], events: [0, 0] }).steps).toEqual([])
    const last = kaplanMeier({ durations: [1, 2, 3], events: [1, 1, 0] }).steps
    expect(last.at(-1)?.survival).toBeCloseTo(1 / 3, 14)
    expect(kaplanMeier({ durations: [7], events: [1] }).steps[0]?.survival).toBe(0)
  })

  it('refuses mismatched lengths, bad values and options with the place', () => {
    expectMetricError(() => kaplanMeier({ durations: [1, 2], events: [1] }), 'LENGTH_MISMATCH', {
      path: ['events'],
    })
    expectMetricError(
      () => kaplanMeier({ durations: [1], events: [1], entries: [] }),
      'LENGTH_MISMATCH',
      { path: ['entries'] },
    )
    expectMetricError(
      () => kaplanMeier({ durations: [1], events: [1], weights: [1, 2] }),
      'LENGTH_MISMATCH',
      { path: ['weights'] },
    )
    expectMetricError(() => kaplanMeier({ durations: [1, -2], events: [1, 1] }), 'NEGATIVE_VALUE', {
      path: ['durations', 1],
      message: 'kaplanMeier: durations at index 1 is -2; it must not be negative',
    })
    expectMetricError(() => kaplanMeier({ durations: [Number.NaN], events: [1] }), 'NOT_FINITE', {
      path: ['durations', 0],
    })
    expectMetricError(() => kaplanMeier({ durations: [1], events: [2] }), 'VALUE_OUT_OF_RANGE', {
      path: ['events', 0],
    })
    expectMetricError(
      () => kaplanMeier({ durations: [1], events: [1], entries: [1] }),
      'END_BEFORE_START',
      { path: ['entries', 0] },
    )
    expectMetricError(
      () => kaplanMeier({ durations: [1], events: [1], weights: [-1] }),
      'NEGATIVE_VALUE',
      { path: ['weights', 0] },
    )
    expectMetricError(
      () => kaplanMeier(maintained, { interval: 'arcsine' as 'log' }),
      'INVALID_OPTION',
      { path: ['interval'] },
    )
    expectMetricError(() => kaplanMeier(maintained, { confidence: 1 }), 'INVALID_OPTION', {
      path: ['confidence'],
    })
  })

  const sample = fc.array(
    fc.record({
      duration: fc.integer({ min: 0, max: 20 }),
      event: fc.boolean(),
      weight: fc.integer({ min: 1, max: 3 }),
    }),
    {
      minLength: 1,
      maxLength: 40,
    },
  )

  it('survival never rises, stays in [0, 1], lies within its bounds and ignores input order', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const input = {
          durations: rows.map((row) => row.duration),
          events: rows.map((row) => row.event),
        }
        const { steps } = kaplanMeier(input)
        let previous = 1
        for (const step of steps) {
          expect(step.survival).toBeLessThanOrEqual(previous)
          expect(step.survival).toBeGreaterThanOrEqual(0)
          if (step.lower !== null) expect(step.lower).toBeLessThanOrEqual(step.survival + 1e-12)
          if (step.upper !== null) expect(step.upper).toBeGreaterThanOrEqual(step.survival - 1e-12)
          previous = step.survival
        }
        const reversed = kaplanMeier({
          durations: [...input.durations].reverse(),
          events: [...input.events].reverse(),
        })
        expect(reversed.steps.map((step) => step.survival)).toEqual(
          steps.map((step) => step.survival),
        )
      }),
    )
  })

  it('an integer weight equals repeating the subject (survival and median)', () => {
    fc.assert(
      fc.property(sample, (rows) => {
        const weighted = kaplanMeier({
          durations: rows.map((row) => row.duration),
          events: rows.map((row) => row.event),
          weights: rows.map((row) => row.weight),
        })
        const repeated = rows.flatMap((row) => Array<typeof row>(row.weight).fill(row))
        const expanded = kaplanMeier({
          durations: repeated.map((row) => row.duration),
          events: repeated.map((row) => row.event),
        })
        expect(weighted.steps.map((step) => step.survival)).toEqual(
          expanded.steps.map((step) => expect.closeTo(step.survival, 12)),
        )
        expect(weighted.median).toBe(expanded.median)
      }),
    )
  })

  it('matches the documented example', () => {
    const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
    expect(curve.steps.map((step) => step.survival)).toEqual([0.75, 0.5, 0.25, 0])
    expect(curve.median).toBe(2.5)
  })
})
