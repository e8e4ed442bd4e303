import { describe, expect, it } from 'vitest'
import {
  requireConfidence,
  requireInstant,
  requireIntegerOption,
  requireNonNegative,
  requireOneOf,
} from '../../src/core/validate.js'
import { expectMetricError } from '../helpers.js'

describe('validate', () => {
  it('accepts finite non-negative numbers and refuses the rest with the place', () => {
    expect(requireNonNegative(0, 'm', ['x'], 'x')).toBe(0)
    expectMetricError(() => requireNonNegative(-1, 'm', ['x'], 'x'), 'NEGATIVE_VALUE', {
      path: ['x'],
      message: 'm: x is -1; it must not be negative',
    })
    expectMetricError(() => requireNonNegative(Number.NaN, 'm', [2], 'x'), 'NOT_FINITE', {
      path: [2],
    })
    expectMetricError(
      () => requireNonNegative('1' as unknown as number, 'm', [2], 'x'),
      'NOT_FINITE',
    )
  })

  it('takes confidence strictly between 0 and 1', () => {
    expect(requireConfidence(0.9, 'm')).toBe(0.9)
    for (const bad of [0, 1, -0.5, 95, Number.NaN]) {
      expectMetricError(() => requireConfidence(bad, 'm'), 'INVALID_OPTION', {
        path: ['confidence'],
      })
    }
  })

  it('takes only listed option values', () => {
    expect(requireOneOf('a', ['a', 'b'], 'm', 'method')).toBe('a')
    expectMetricError(() => requireOneOf('c' as 'a', ['a', 'b'], 'm', 'method'), 'INVALID_OPTION', {
      path: ['method'],
      message: "m: option method is \"c\"; it must be one of 'a', 'b'",
    })
  })

  it('takes integer options within bounds', () => {
    expect(requireIntegerOption(3, 1, 5, 'm', 'k')).toBe(3)
    expectMetricError(() => requireIntegerOption(2.5, 1, 5, 'm', 'k'), 'INVALID_OPTION', {
      path: ['k'],
    })
    expectMetricError(() => requireIntegerOption(6, 1, 5, 'm', 'k'), 'INVALID_OPTION')
  })

  it('reads valid dates as epoch milliseconds and refuses invalid ones', () => {
    expect(requireInstant(new Date(5), 'm', [0, 'at'], 'at')).toBe(5)
    expectMetricError(
      () => requireInstant(new Date(Number.NaN), 'm', [0, 'at'], 'at'),
      'INVALID_DATE',
      {
        path: [0, 'at'],
      },
    )
    expectMetricError(
      () => requireInstant('2026-01-01' as unknown as Date, 'm', [1], 'at'),
      'INVALID_DATE',
    )
  })
})
