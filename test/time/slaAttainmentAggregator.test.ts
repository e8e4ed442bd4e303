import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { slaAttainment } from '../../src/time/slaAttainment.js'
import { slaAttainmentAggregator } from '../../src/time/slaAttainmentAggregator.js'
import { expectMetricError } from '../helpers.js'

describe('slaAttainmentAggregator', () => {
  it('any split, merged in any order and through JSON, equals slaAttainment', () => {
    const sla = slaAttainmentAggregator(24)
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

  it('refuses negative targets, durations and corrupted states', () => {
    expectMetricError(() => slaAttainmentAggregator(-1), 'NEGATIVE_VALUE', { path: ['target'] })
    const sla = slaAttainmentAggregator(1)
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
    const sla = slaAttainmentAggregator(24)
    const a = sla.add(sla.add(sla.initial(), { duration: 2 }), { duration: 30 })
    const b = sla.add(sla.initial(), { duration: 40, open: true })
    expect(sla.result(sla.merge(a, b))).toBe(0.3333333333333333)
  })
})
