import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leadToQuoteTimes } from '../../src/time/leadToQuoteTimes.js'
import { slaAttainment } from '../../src/time/slaAttainment.js'
import { slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('slaAttainmentAggregator', () => {
  it('any split, merged in any order and through JSON, equals slaAttainment', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    fc.assert(
      fc.property(
        fc.array(fc.record({ duration: fc.integer({ min: 0, max: 60 }), open: fc.boolean() })),
        fc.nat(),
        (items, cut) => {
          const at = cut % (items.length + 1)
          const part = (slice: typeof items) =>
            JSON.parse(JSON.stringify(slice.reduce((s, item) => sla.add(s, item), sla.initial())))
          const expected = slaAttainment(
            items.filter((i) => !i.open).map((i) => i.duration),
            24,
            { open: items.filter((i) => i.open).map((i) => i.duration) },
          )
          expect(sla.result(sla.merge(part(items.slice(at)), part(items.slice(0, at))))).toBe(
            expected,
          )
        },
      ),
    )
  })

  it('reads an open item as censored (the leadToQuoteTimes row shape), open kept as the 0.1 name', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    // done 2 (within), 30 (late); still open after 40 > 24 → a breach: 1 / 3 (hand count)
    const censored = [{ duration: 2 }, { duration: 30 }, { duration: 40, censored: true }]
    expect(sla.result(sla.addAll(sla.initial(), censored))).toBe(1 / 3)
    let state = sla.initial()
    for (const item of censored) state = sla.add(state, item)
    expect(state).toEqual({ within: 1, done: 2, lateOpen: 1 })
    // Rows of leadToQuoteTimes go in as they are: a quoted after 10 h, b still waiting at 30 h.
    const rows = leadToQuoteTimes(
      [
        { id: 'a', createdAt: new Date('2026-03-02T00:00:00Z') },
        { id: 'b', createdAt: new Date('2026-03-02T00:00:00Z') },
      ],
      [{ id: 'q', leadId: 'a', createdAt: new Date('2026-03-02T10:00:00Z') }],
      { asOf: new Date('2026-03-03T06:00:00Z') },
    )
    // a within 24 h; b open for 30 h > 24 → breach: 1 / 2
    expect(sla.result(sla.addAll(sla.initial(), rows))).toBe(0.5)
    expect(sla.add(sla.initial(), { duration: 40, censored: true, open: true })).toEqual({
      within: 0,
      done: 0,
      lateOpen: 1,
    })
    expectMetricError(
      () =>
        sla.addAll(sla.initial(), [{ duration: 1 }, { duration: 40, censored: true, open: false }]),
      'INVALID_RECORD',
      { path: [1, 'censored'], metric: 'slaAttainmentAggregator' },
    )
    expectMetricError(
      () => sla.add(sla.initial(), { duration: 40, censored: false, open: true }),
      'INVALID_RECORD',
      { path: ['censored'], metric: 'slaAttainmentAggregator' },
    )
  })

  it('takes { target } and still the 0.1 positional target, with the same counts', () => {
    // target 24: done 2 (within), 30 (late); open 40 > 24 is a breach → 1 / 3 (hand count)
    const items = [{ duration: 2 }, { duration: 30 }, { duration: 40, open: true }]
    for (const sla of [slaAttainmentAggregator({ target: 24 }), slaAttainmentAggregator(24)]) {
      expect(sla.result(sla.addAll(sla.initial(), items))).toBe(1 / 3)
    }
  })

  it('refuses negative targets, durations and corrupted states', () => {
    // A bad target is a bad option value: INVALID_OPTION (0.1 threw NEGATIVE_VALUE, a data code).
    for (const target of [-1, Number.NaN, Number.POSITIVE_INFINITY, '24', null, undefined]) {
      expectMetricError(
        () => slaAttainmentAggregator({ target: target as number }),
        'INVALID_OPTION',
        { path: ['target'], metric: 'slaAttainmentAggregator' },
      )
    }
    expectMetricError(() => slaAttainmentAggregator(-1), 'INVALID_OPTION', {
      path: ['target'],
      metric: 'slaAttainmentAggregator',
    })
    for (const options of [null, 'x', [24]]) {
      expectMetricError(
        () => slaAttainmentAggregator(options as unknown as number),
        'INVALID_OPTION',
        { path: [], metric: 'slaAttainmentAggregator' },
      )
    }
    expectMetricError(() => (slaAttainmentAggregator as () => unknown)(), 'INVALID_OPTION', {
      path: ['target'],
      metric: 'slaAttainmentAggregator',
    })
    const sla = slaAttainmentAggregator({ target: 1 })
    expectMetricError(() => sla.add(sla.initial(), { duration: -2 }), 'NEGATIVE_VALUE', {
      path: ['duration'],
    })
    expectMetricError(
      () => sla.merge({ within: -1, done: 0, lateOpen: 0 }, sla.initial()),
      'NEGATIVE_VALUE',
      { path: ['a', 'within'] },
    )
    expect(sla.result(sla.initial())).toBeNull()
  })

  it('matches the documented example', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    const a = sla.add(sla.add(sla.initial(), { duration: 2 }), { duration: 30 })
    const b = sla.add(sla.initial(), { duration: 40, open: true })
    expect(sla.result(sla.merge(a, b))).toBe(0.3333333333333333)
  })
})

describe('slaAttainmentAggregator.addAll', () => {
  const item = fc.record(
    { duration: fc.integer({ min: 0, max: 60 }), open: fc.boolean() },
    { requiredKeys: ['duration'] },
  )
  const fold = <S, I>(agg: { add(s: S, i: I): S }, state: S, rows: readonly I[]) =>
    rows.reduce((s, row) => agg.add(s, row), state)
  /** Independent: the one-shot slaAttainment of finished and open durations. */
  const oneShot = (items: readonly { duration: number; open?: boolean }[]) =>
    slaAttainment(
      items.filter((i) => i.open !== true).map((i) => i.duration),
      24,
      { open: items.filter((i) => i.open === true).map((i) => i.duration) },
    )

  it('equals folding add, and slaAttainment after result, for random items', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 40 }),
        fc.array(item, { maxLength: 5 }),
        (items, prefix) => {
          const start = fold(sla, sla.initial(), prefix)
          const batched = sla.addAll(start, items)
          expect(batched).toEqual(fold(sla, start, items))
          expect(sla.result(batched)).toBe(oneShot([...prefix, ...items]))
        },
      ),
    )
  })

  it('split into addAll parts, merged through JSON, equals slaAttainment', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.nat(), (items, cut) => {
        const at = cut % (items.length + 1)
        const part = (rows: typeof items) =>
          JSON.parse(JSON.stringify(sla.addAll(sla.initial(), rows)))
        expect(sla.result(sla.merge(part(items.slice(at)), part(items.slice(0, at))))).toBe(
          oneShot(items),
        )
      }),
    )
  })

  it('empty inputs return an equal state', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    const state = sla.add(sla.initial(), { duration: 3 })
    expect(sla.addAll(state, [])).toEqual(state)
    expect(sla.addAll(sla.initial(), [])).toEqual(sla.initial())
  })

  it('refuses a bad item at index k with the code add gives and the path [k, …]', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    const bad: Array<[readonly (string | number)[], unknown, string]> = [
      [[], null, 'INVALID_OPTION'],
      [[], 5, 'INVALID_OPTION'],
      [['duration'], { duration: -1 }, 'NEGATIVE_VALUE'],
      [['duration'], { duration: Number.NaN, open: true }, 'NOT_FINITE'],
      [['duration'], { duration: '3' }, 'NOT_FINITE'],
      [['duration'], {}, 'NOT_FINITE'],
    ]
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 10 }),
        fc.nat(),
        fc.constantFrom(...bad),
        (good, cut, [field, row, code]) => {
          const k = cut % (good.length + 1)
          const rows = [...good.slice(0, k), row, ...good.slice(k)] as { duration: number }[]
          expectMetricError(() => fold(sla, sla.initial(), rows), code as never)
          expectMetricError(() => sla.addAll(sla.initial(), rows), code as never, {
            path: [k, ...field],
            metric: 'slaAttainmentAggregator',
          })
        },
      ),
    )
    for (const inputs of [null, 'items', { length: 1 }, new Float64Array(2)]) {
      expectMetricError(() => sla.addAll(sla.initial(), inputs as never), 'VALUE_OUT_OF_RANGE', {
        path: [],
      })
    }
    expectMetricError(() => sla.addAll({ within: 2, done: 1, lateOpen: 0 }, []), 'INVALID_STATE', {
      path: ['state', 'within'],
    })
  })

  it('matches the documented example', () => {
    const sla = slaAttainmentAggregator({ target: 24 })
    // Hand count against target 24: 2 is within, 30 finished late, 40 is open and late.
    expect(
      sla.addAll(sla.initial(), [{ duration: 2 }, { duration: 30 }, { duration: 40, open: true }]),
    ).toEqual({ within: 1, done: 2, lateOpen: 1 })
  })
})
