import { Decimal } from 'decimal.js'
import { describe, expect, it } from 'vitest'
import {
  finiteMoney,
  finiteRatio,
  readCriticalValue,
  readStateMoney,
  requireList,
  requireNonNegativeOption,
  requireRatesOption,
  requireRow,
} from '../../src/core/inputGuards.js'
import { expectMetricError } from '../helpers.js'

describe('pipeline and retention input guards', () => {
  it('requireList passes arrays through and refuses array-likes with VALUE_OUT_OF_RANGE', () => {
    const list = [1, 2]
    expect(requireList(list, 'm', 'deals')).toBe(list)
    for (const bad of [null, { length: 1, 0: 1 }, new Float64Array(1), 'ab'])
      expectMetricError(() => requireList(bad as never, 'm', 'deals'), 'VALUE_OUT_OF_RANGE', {
        path: [],
        metric: 'm',
        message: /deals .* it must be an array$/,
      })
  })

  it('requireRow names the row by index, or inside a named list', () => {
    const row = { id: 'a' }
    expect(requireRow(row, 'm', 3, 'deal')).toBe(row)
    expectMetricError(() => requireRow(null, 'm', 3, 'deal'), 'INVALID_RECORD', {
      path: [3],
      message: 'm: deal at index 3 is null; it must be an object',
    })
    expectMetricError(() => requireRow(7, 'm', 0, 'row', 'start'), 'INVALID_RECORD', {
      path: ['start', 0],
      message: 'm: row at start[0] is 7; it must be an object',
    })
  })

  it('requireNonNegativeOption keeps finite numbers ≥ 0 and names the option otherwise', () => {
    expect(requireNonNegativeOption(0, 'm', 'withinDays')).toBe(0)
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '3'])
      expectMetricError(
        () => requireNonNegativeOption(bad as number, 'm', 'withinDays'),
        'INVALID_OPTION',
        {
          path: ['withinDays'],
        },
      )
  })

  it('finiteRatio turns −0 into 0 and refuses an overflowed ratio', () => {
    expect(Object.is(finiteRatio(-0, 'm', 'coverage'), 0)).toBe(true)
    expect(finiteRatio(0.25, 'm', 'coverage')).toBe(0.25)
    expectMetricError(() => finiteRatio(1 / 5e-324, 'm', 'coverage'), 'VALUE_OUT_OF_RANGE', {
      metric: 'm',
    })
  })

  it('finiteMoney refuses an infinite Decimal', () => {
    expect(finiteMoney(new Decimal('12.5'), 'm', 'total').toString()).toBe('12.5')
    expectMetricError(
      () => finiteMoney(new Decimal(Number.POSITIVE_INFINITY), 'm', 'total'),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('readStateMoney reads exact decimal strings ≥ 0 and refuses what a state never holds', () => {
    expect(readStateMoney('1234.50', 'm', ['a'], 'won').toString()).toBe('1234.5')
    expectMetricError(() => readStateMoney('-1', 'm', ['a'], 'won'), 'NEGATIVE_VALUE', {
      path: ['a', 'won'],
    })
    // 35 significant digits: an exact sum rounds to 34, so no state this library wrote has it.
    expectMetricError(
      () => readStateMoney('1234567890123456789012345678901234.5', 'm', [], 'won'),
      'VALUE_OUT_OF_RANGE',
      { path: ['won'] },
    )
  })

  it('requireRatesOption accepts absent or object rates only', () => {
    const options = { rates: { EUR: '1.08' } }
    expect(requireRatesOption(options, 'm')).toBe(options)
    expect(requireRatesOption({}, 'm')).toEqual({})
    for (const rates of [null, 5, ['EUR']])
      expectMetricError(() => requireRatesOption({ rates }, 'm'), 'INVALID_OPTION', {
        path: ['rates'],
      })
  })

  it('readCriticalValue is the two-sided normal quantile, 1.959964 at the 0.95 default', () => {
    // qnorm(0.975) = 1.959963984540054 (R).
    expect(readCriticalValue(undefined, 'm')).toBeCloseTo(1.959963984540054, 12)
    // qnorm(0.95) = 1.644853626951472 (R), the 90 % two-sided value.
    expect(readCriticalValue(0.9, 'm')).toBeCloseTo(1.644853626951472, 12)
  })
})
