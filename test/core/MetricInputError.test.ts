import { describe, expect, it } from 'vitest'
import { METRIC_INPUT_ERROR_CODES, MetricInputError } from '../../src/core/MetricInputError.js'
import { netPromoterScore } from '../../src/survey/netPromoterScore.js'

describe('MetricInputError', () => {
  it('carries code, metric, path and the message it was given', () => {
    const error = new MetricInputError({
      code: 'SCORE_OUT_OF_RANGE',
      metric: 'netPromoterScore',
      path: [17],
      message: 'netPromoterScore: score at index 17 is 11; scores must be integers from 0 to 10',
    })
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('MetricInputError')
    expect(error.code).toBe('SCORE_OUT_OF_RANGE')
    expect(error.metric).toBe('netPromoterScore')
    expect(error.path).toEqual([17])
    expect(error.message).toBe(
      'netPromoterScore: score at index 17 is 11; scores must be integers from 0 to 10',
    )
  })

  it('leaves path absent when there is no place', () => {
    const error = new MetricInputError({
      code: 'EMPTY_WEIGHTS',
      metric: 'x',
      message: 'x: no weight',
    })
    expect(error.path).toBeUndefined()
    expect('path' in error).toBe(false)
  })

  it('freezes a copy of the path', () => {
    const path = [1, 'closedAt']
    const error = new MetricInputError({ code: 'MISSING_VALUE', metric: 'x', message: 'm', path })
    path.push('changed')
    expect(error.path).toEqual([1, 'closedAt'])
    expect(Object.isFrozen(error.path)).toBe(true)
  })

  it('lists every code SPEC.md names', () => {
    expect([...METRIC_INPUT_ERROR_CODES].sort()).toEqual(
      [
        'SCORE_OUT_OF_RANGE',
        'VALUE_OUT_OF_RANGE',
        'RATE_OUT_OF_RANGE',
        'NEGATIVE_VALUE',
        'NOT_FINITE',
        'LENGTH_MISMATCH',
        'INVALID_DATE',
        'END_BEFORE_START',
        'INVALID_OPTION',
        'MISSING_VALUE',
        'CURRENCY_MISMATCH',
        'MISSING_FX_RATE',
        'SUCCESSES_EXCEED_TRIALS',
        'INCONSISTENT_TOTAL',
        'DUPLICATE_ID',
        'EMPTY_WEIGHTS',
        'INVALID_RECORD',
        'INVALID_STATE',
      ].sort(),
    )
  })

  it('matches the documented example', () => {
    let code: string | undefined
    let path: readonly (string | number)[] | undefined
    try {
      netPromoterScore([10, 11])
    } catch (error) {
      if (error instanceof MetricInputError) {
        code = error.code
        path = error.path
      }
    }
    expect(code).toBe('SCORE_OUT_OF_RANGE')
    expect(path).toEqual([1])
  })
})
