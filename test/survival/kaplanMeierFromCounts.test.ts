import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kaplanMeier, kaplanMeierFromCounts } from '../../src/survival/kaplanMeier.js'
import { expectMetricError } from '../helpers.js'

/** Subjects → counts per distinct time (the independent, obvious tally). */
function tally(durations: number[], events: number[], entries?: number[]) {
  const times = [...new Set([...durations, ...(entries ?? [])])].sort((a, b) => b - a)
  return {
    times,
    events: times.map((t) => durations.filter((d, i) => d === t && events[i] === 1).length),
    censored: times.map((t) => durations.filter((d, i) => d === t && events[i] === 0).length),
    ...(entries === undefined
      ? {}
      : { entries: times.map((t) => entries.filter((e) => e === t).length) }),
  }
}

describe('kaplanMeierFromCounts', () => {
  it('matches the documented example', () => {
    const curve = kaplanMeierFromCounts({
      times: [1, 2, 3, 4],
      events: [1, 1, 1, 1],
      censored: [0, 0, 0, 0],
    })
    // 4 at risk, one event each time: 3/4, 2/4, 1/4, 0; S = 0.5 exactly at 2 → median (2 + 3) / 2.
    expect(curve.steps.map((step) => step.survival)).toEqual([0.75, 0.5, 0.25, 0])
    expect(curve.median).toBe(2.5)
  })

  it("matches R summary(survfit(Surv(time, status) ~ 1)) on aml's Maintained group given as counts", () => {
    // aml Maintained: 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+ (R survival, Embury 1977).
    // R: time n.risk n.event survival std.err
    const r = [
      [9, 11, 1, 0.909, 0.0867],
      [13, 10, 1, 0.818, 0.1163],
      [18, 8, 1, 0.716, 0.1397],
      [23, 7, 1, 0.614, 0.1526],
      [31, 5, 1, 0.491, 0.1642],
      [34, 4, 1, 0.368, 0.1627],
      [48, 2, 1, 0.184, 0.1535],
    ]
    const curve = kaplanMeierFromCounts({
      times: [161, 48, 45, 34, 31, 28, 23, 18, 13, 9],
      events: [0, 1, 0, 1, 1, 0, 1, 1, 1, 1],
      censored: [1, 0, 1, 0, 0, 1, 0, 0, 1, 0],
    })
    expect(curve.steps).toHaveLength(r.length)
    curve.steps.forEach((step, index) => {
      const [time, atRisk, events, survival, standardError] = r[index] as number[]
      expect([step.time, step.atRisk, step.events]).toEqual([time, atRisk, events])
      expect(step.survival).toBeCloseTo(survival as number, 3)
      expect(step.standardError).toBeCloseTo(standardError as number, 4)
    })
    expect(curve.median).toBe(31) // R print(survfit): median 31
  })

  it('handles late entry by hand', () => {
    // Subjects (entry, duration, event): (0, 2, 1), (0, 4, 0), (1, 3, 1), (2, 5, 1).
    // t = 2: at risk entry < 2 ≤ duration: subjects 1, 2, 3 → 3, 1 event: S = 2/3.
    // t = 3: at risk: 2, 3, 4 (entry 2 < 3) → 3, 1 event: S = 2/3 · 2/3 = 4/9.
    // t = 5: at risk: 4 only → 1, 1 event: S = 0.
    const curve = kaplanMeierFromCounts({
      times: [0, 1, 2, 3, 4, 5],
      events: [0, 0, 1, 1, 0, 1],
      censored: [0, 0, 0, 0, 1, 0],
      entries: [2, 1, 1, 0, 0, 0],
    })
    expect(curve.steps.map((step) => [step.time, step.atRisk, step.events])).toEqual([
      [2, 3, 1],
      [3, 3, 1],
      [5, 1, 1],
    ])
    expect(curve.steps[1]?.survival).toBeCloseTo(4 / 9, 15)
    expect(curve.steps[2]?.survival).toBe(0)
  })

  it('adds the counts of a repeated time and ignores zero rows', () => {
    // 2 events at 1 given as 1 + 1, 1 censored at 2 and an empty time 3: S(1) = 1 − 2/3.
    const curve = kaplanMeierFromCounts({
      times: [1, 2, 1, 3],
      events: [1, 0, 1, 0],
      censored: [0, 1, 0, 0],
    })
    expect(curve.steps.map((step) => [step.time, step.atRisk, step.events])).toEqual([[1, 3, 2]])
    expect(curve.steps[0]?.survival).toBeCloseTo(1 / 3, 15)
    expect(kaplanMeierFromCounts({ times: [], events: [], censored: [] })).toMatchObject({
      steps: [],
      median: null,
    })
  })

  it('equals kaplanMeier on the subjects the counts describe (generated, with late entry)', () => {
    const subject = fc.record({
      duration: fc.integer({ min: 0, max: 12 }).map((value) => value / 2),
      event: fc.constantFrom(0, 1),
      lag: fc.integer({ min: 1, max: 8 }),
    })
    fc.assert(
      fc.property(
        fc.array(subject, { maxLength: 60 }),
        fc.boolean(),
        fc.constantFrom('log', 'log-log', 'plain') as fc.Arbitrary<'log' | 'log-log' | 'plain'>,
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        (subjects, late, method, confidence) => {
          const kept = late ? subjects.filter((s) => s.duration > 0) : subjects
          const durations = kept.map((s) => s.duration)
          const events = kept.map((s) => s.event)
          // Entries strictly before the duration, on a 0.25 grid (distinct from the 0.5 grid too).
          const entries = late ? kept.map((s) => Math.max(0, s.duration - s.lag / 4)) : undefined
          const options = { method, confidence }
          const expected = kaplanMeier(
            { durations, events, ...(entries === undefined ? {} : { entries }) },
            options,
          )
          const counts = tally(durations, events, entries)
          expect(kaplanMeierFromCounts(counts, options)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses bad counts, times, lengths and inconsistent entries', () => {
    const metric = 'kaplanMeierFromCounts'
    const base = { times: [1, 2], events: [1, 0], censored: [0, 1] }
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, events: [1.5, 0] }),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['events', 0],
        metric,
      },
    )
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, censored: [0, -1] }),
      'NEGATIVE_VALUE',
      {
        path: ['censored', 1],
        metric,
      },
    )
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, times: [1, Number.NaN] }),
      'NOT_FINITE',
      {
        path: ['times', 1],
        metric,
      },
    )
    expectMetricError(() => kaplanMeierFromCounts({ ...base, events: [1] }), 'LENGTH_MISMATCH', {
      path: ['events'],
      metric,
    })
    // Two subjects but one entry.
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, entries: [1, 0] }),
      'END_BEFORE_START',
      { path: ['entries'], metric },
    )
    // Both enter at 1, one leaves at 1: it did not enter strictly before 1.
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, entries: [2, 0] }),
      'END_BEFORE_START',
      { path: ['times'], metric },
    )
    expectMetricError(
      () => kaplanMeierFromCounts({ ...base, events: [2 ** 53, 0] }),
      'VALUE_OUT_OF_RANGE',
      { path: ['events', 0], metric },
    )
    expectMetricError(
      () => kaplanMeierFromCounts(base, { method: 'x' as never }),
      'INVALID_OPTION',
      {
        path: ['method'],
        metric,
      },
    )
    expectMetricError(() => kaplanMeierFromCounts(null as never), 'INVALID_RECORD', { metric })
  })

  it('refuses a null duration, entry or count instead of reading it as 0 (kaplanMeier did)', () => {
    // `null >= 0` is true in JavaScript: kaplanMeier once took a null duration for 0.
    expectMetricError(
      () => kaplanMeier({ durations: [null as never, 1], events: [0, 1] }),
      'NOT_FINITE',
      { path: ['durations', 0], metric: 'kaplanMeier' },
    )
    expectMetricError(
      () => kaplanMeier({ durations: [2, 1], events: [0, 1], entries: [null as never, 0] }),
      'NOT_FINITE',
      { path: ['entries', 0], metric: 'kaplanMeier' },
    )
    expectMetricError(
      () => kaplanMeierFromCounts({ times: [1], events: [null as never], censored: [0] }),
      'NOT_FINITE',
      { path: ['events', 0], metric: 'kaplanMeierFromCounts' },
    )
  })

  it('does not change its input', () => {
    const input = { times: [2, 0], events: [1, 0], censored: [1, 0], entries: [0, 2] }
    const copy = structuredClone(input)
    expect(kaplanMeierFromCounts(input).steps).toHaveLength(1)
    expect(input).toEqual(copy)
  })
})
