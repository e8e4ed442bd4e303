import { describe, expect, it } from 'vitest'
import { readState, type StateShape } from '../../src/core/aggregatorState.js'
import { expectMetricError } from '../helpers.js'

const shape: StateShape = {
  count: 'count',
  weight: 'non-negative',
  sum: 'finite',
  amount: 'string',
  currency: 'string-or-null',
}
const good = { count: 3, weight: 1.5, sum: -2.5, amount: '10.25', currency: null }

describe('readState', () => {
  it('returns a clean copy of a well-formed state', () => {
    const read = readState<typeof good>(good, shape, 'm')
    expect(read).toEqual(good)
    expect(read).not.toBe(good)
  })

  it('reads -0 in a count as 0', () => {
    expect(Object.is(readState<typeof good>({ ...good, count: -0 }, shape, 'm').count, 0)).toBe(
      true,
    )
  })

  it('refuses values that are not objects', () => {
    for (const state of [null, undefined, 3, 'x', [1, 2]]) {
      expectMetricError(() => readState(state, shape, 'm', ['a']), 'INVALID_STATE', {
        path: ['a'],
        metric: 'm',
      })
    }
  })

  it('refuses a missing or an extra key (a foreign state)', () => {
    const { count: _count, ...missing } = good
    expectMetricError(() => readState(missing, shape, 'm'), 'INVALID_STATE', { path: ['count'] })
    expectMetricError(
      () => readState({ ...good, promoters: 1 }, shape, 'm', ['b']),
      'INVALID_STATE',
      {
        path: ['b', 'promoters'],
      },
    )
    expectMetricError(
      () => readState(JSON.parse('{"__proto__":1}'), { __proto__: 'count' } as never, 'm'),
      'INVALID_STATE',
    )
  })

  it('refuses each kind of bad field with its code', () => {
    expectMetricError(() => readState({ ...good, count: '5' }, shape, 'm'), 'INVALID_STATE', {
      path: ['count'],
    })
    expectMetricError(() => readState({ ...good, count: 1.5 }, shape, 'm'), 'INVALID_STATE', {
      path: ['count'],
    })
    expectMetricError(() => readState({ ...good, count: 2 ** 53 }, shape, 'm'), 'INVALID_STATE', {
      path: ['count'],
    })
    expectMetricError(() => readState({ ...good, count: -1 }, shape, 'm'), 'NEGATIVE_VALUE', {
      path: ['count'],
    })
    expectMetricError(() => readState({ ...good, weight: -0.5 }, shape, 'm'), 'NEGATIVE_VALUE', {
      path: ['weight'],
    })
    expectMetricError(() => readState({ ...good, sum: Number.NaN }, shape, 'm'), 'NOT_FINITE', {
      path: ['sum'],
    })
    expectMetricError(
      () => readState({ ...good, sum: Number.POSITIVE_INFINITY }, shape, 'm'),
      'NOT_FINITE',
      { path: ['sum'] },
    )
    expectMetricError(() => readState({ ...good, amount: 10 }, shape, 'm'), 'INVALID_STATE', {
      path: ['amount'],
    })
    expectMetricError(() => readState({ ...good, currency: 5 }, shape, 'm'), 'INVALID_STATE', {
      path: ['currency'],
    })
  })
})
