import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dataCompleteness } from '../../src/core/dataCompleteness.js'
import { MetricInputError } from '../../src/core/MetricInputError.js'
import { expectMetricError } from '../helpers.js'

const metric = 'dataCompleteness'

describe('dataCompleteness', () => {
  it('matches the documented example', () => {
    const result = dataCompleteness(
      [
        { email: 'a@x.com', amount: 10 },
        { email: '', amount: 5 },
        { email: 'c@x.com', amount: -1 },
      ],
      { fields: { email: 'present', amount: (value) => typeof value === 'number' && value >= 0 } },
    )
    expect([
      result.fields.map((entry) => entry.valid),
      result.complete,
      result.completeShare,
    ]).toEqual([[2, 2], 1, 1 / 3])
  })

  it('hand-counted shares over odd values', () => {
    type Row = Record<string, unknown>
    const rows: Row[] = [
      { name: 'Acme', phone: '555', closedAt: new Date('2026-01-01') }, // all three present
      { name: '  ', phone: null, closedAt: new Date('x') }, // blank, null, invalid date
      { name: 'Beta', phone: Number.NaN }, // phone NaN, closedAt missing
      { name: 0, phone: 0, closedAt: new Date(0) }, // 0 is a value: all present
      Object.create({ name: 'inherited' }) as Row, // prototype key: missing
    ]
    const result = dataCompleteness(rows, {
      fields: { name: 'present', phone: 'present', closedAt: 'present' },
    })
    // name: rows 0, 2, 3 → 3/5; phone: rows 0, 3 → 2/5; closedAt: rows 0, 3 → 2/5;
    // complete: rows 0 and 3 → 2/5.
    expect(result).toEqual({
      n: 5,
      fields: [
        { field: 'name', valid: 3, share: 3 / 5 },
        { field: 'phone', valid: 2, share: 2 / 5 },
        { field: 'closedAt', valid: 2, share: 2 / 5 },
      ],
      complete: 2,
      completeShare: 2 / 5,
    })
  })

  it('calls a check only for present values, with the record', () => {
    const seen: unknown[] = []
    const result = dataCompleteness(
      [{ probability: 0.5, stage: 'won' }, { probability: null }, { probability: 1.5 }],
      {
        fields: {
          probability: (value, record) => {
            seen.push([value, record])
            return typeof value === 'number' && value >= 0 && value <= 1
          },
        },
      },
    )
    // null is not present, so the check sees rows 0 and 2; only 0.5 is in [0, 1] → 1/3.
    expect(seen).toEqual([
      [0.5, { probability: 0.5, stage: 'won' }],
      [1.5, { probability: 1.5 }],
    ])
    expect(result.fields[0]?.share).toBe(1 / 3)
  })

  it('gives null shares for no rows', () => {
    expect(dataCompleteness([], { fields: { email: 'present' } })).toEqual({
      n: 0,
      fields: [{ field: 'email', valid: 0, share: null }],
      complete: 0,
      completeShare: null,
    })
  })

  it('reads a field named __proto__ only as an own property', () => {
    const own = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>
    // An object literal { __proto__: … } would set the prototype; JSON.parse makes own keys.
    const fields = JSON.parse('{"__proto__": "present"}') as Record<string, 'present'>
    const result = dataCompleteness([own, {}, Object.create(own) as object], { fields })
    // Row 0 owns it; row 1 has only Object.prototype's; row 2 inherits row 0's → 1 of 3.
    expect(result.fields).toEqual([{ field: '__proto__', valid: 1, share: 1 / 3 }])
  })

  it('turns a throwing check or getter into INVALID_RECORD with the row and field', () => {
    const error = expectMetricError(
      () =>
        dataCompleteness([{ a: 1 }, { a: 2 }], {
          fields: {
            a: (value) => {
              if (value === 2) throw new Error('boom')
              return true
            },
          },
        }),
      'INVALID_RECORD',
      { metric, path: [1, 'a'] },
    )
    expect((error.cause as Error).message).toBe('boom')
    const hostile = Object.defineProperty({}, 'a', {
      enumerable: true,
      get() {
        throw new Error('getter')
      },
    })
    expectMetricError(
      () => dataCompleteness([hostile], { fields: { a: 'present' } }),
      'INVALID_RECORD',
      {
        metric,
        path: [0, 'a'],
      },
    )
  })

  it('refuses bad input and options', () => {
    expectMetricError(
      () => dataCompleteness('rows' as never, { fields: { a: 'present' } }),
      'VALUE_OUT_OF_RANGE',
      {
        metric,
        path: [],
      },
    )
    expectMetricError(
      () => dataCompleteness([null as never], { fields: { a: 'present' } }),
      'INVALID_RECORD',
      {
        metric,
        path: [0],
      },
    )
    expectMetricError(() => dataCompleteness([{}], undefined as never), 'INVALID_OPTION', {
      metric,
      path: ['fields'],
    })
    expectMetricError(() => dataCompleteness([{}], { fields: {} }), 'INVALID_OPTION', {
      metric,
      path: ['fields'],
    })
    expectMetricError(
      () => dataCompleteness([{}], { fields: { a: 'valid' as never } }),
      'INVALID_OPTION',
      {
        metric,
        path: ['fields', 'a'],
      },
    )
    expectMetricError(
      () => dataCompleteness([{ a: 1 }], { fields: { a: (() => 1) as never } }),
      'INVALID_OPTION',
      { metric, path: ['fields', 'a'] },
    )
    expect(() => dataCompleteness([{}], 5 as never)).toThrow(MetricInputError)
  })

  it('shares are in [0, 1], complete ≤ every field, and order does not matter (property)', () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant(''),
      fc.constant(Number.NaN),
      fc.string(),
      fc.integer(),
    )
    const row = fc.record({ a: value, b: value }, { requiredKeys: [] })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const options = {
          fields: { a: 'present' as const, b: (v: unknown) => typeof v === 'string' },
        }
        const result = dataCompleteness(rows, options)
        const reversed = dataCompleteness([...rows].reverse(), options)
        expect(reversed).toEqual(result)
        for (const field of result.fields) {
          expect(field.valid).toBeGreaterThanOrEqual(result.complete)
          if (field.share !== null) {
            expect(field.share).toBeGreaterThanOrEqual(0)
            expect(field.share).toBeLessThanOrEqual(1)
          }
        }
        if (result.completeShare !== null) {
          expect(result.completeShare).toBeGreaterThanOrEqual(0)
          expect(result.completeShare).toBeLessThanOrEqual(1)
        }
        expect(result.completeShare === null).toBe(rows.length === 0)
      }),
    )
  })
})
