import { describe, expect, it } from 'vitest'
import {
  component,
  countPair,
  numberOrNull,
  resultObject,
} from '../../src/cx-score/componentKernel.js'
import { expectMetricError } from '../helpers.js'

const fields = { name: 'NPS', value: 40, range: [-100, 100] as const, standardError: null }

describe('componentKernel (internal checks shared by the component helpers)', () => {
  it('numberOrNull refuses a string with NOT_FINITE at the given path', () => {
    expectMetricError(() => numberOrNull('12', 'npsComponent', ['value']), 'NOT_FINITE', {
      path: ['value'],
      metric: 'npsComponent',
    })
  })

  it('numberOrNull refuses Infinity with NOT_FINITE', () => {
    expectMetricError(
      () => numberOrNull(Number.POSITIVE_INFINITY, 'npsComponent', ['standardError']),
      'NOT_FINITE',
      { path: ['standardError'] },
    )
  })

  it('resultObject refuses a string result with VALUE_OUT_OF_RANGE at ["result"]', () => {
    expectMetricError(() => resultObject('0.4', 'csatComponent'), 'VALUE_OUT_OF_RANGE', {
      path: ['result'],
      metric: 'csatComponent',
    })
  })

  it('countPair refuses successes above the total at ["result", successesKey]', () => {
    // 5 satisfied out of 3 responses is not a count pair.
    expectMetricError(
      () =>
        countPair({ satisfied: 5, responses: 3 }, 'satisfied', 'responses', true, 'csatComponent'),
      'VALUE_OUT_OF_RANGE',
      { path: ['result', 'satisfied'], metric: 'csatComponent' },
    )
  })

  it('countPair gives a null error when successes + other overflows a double', () => {
    // 1e308 + 1e308 = Infinity trials: no finite binomial error exists.
    expect(countPair({ won: 1e308, lost: 1e308 }, 'won', 'lost', false, 'winRateComponent')).toBe(
      null,
    )
  })

  it('countPair with a separate "other" count uses successes + other as the trials', () => {
    // 3 won, 1 lost: p = 3/4, SE = sqrt(0.75 * 0.25 / 4) = sqrt(0.046875) = 0.21650635094610965
    expect(countPair({ won: 3, lost: 1 }, 'won', 'lost', false, 'winRateComponent')).toBeCloseTo(
      0.21650635094610965,
      15,
    )
  })

  it('component refuses a non-string name option at ["name"]', () => {
    expectMetricError(
      () => component('npsComponent', { name: 7 as unknown as string }, fields),
      'VALUE_OUT_OF_RANGE',
      { path: ['name'], metric: 'npsComponent' },
    )
  })

  it('component refuses a zero weight at ["weight"]', () => {
    expectMetricError(
      () => component('npsComponent', { weight: 0 }, fields),
      'VALUE_OUT_OF_RANGE',
      {
        path: ['weight'],
      },
    )
  })

  it('component refuses a negative standardError option at ["standardError"]', () => {
    expectMetricError(
      () => component('npsComponent', { standardError: -0.1 }, fields),
      'VALUE_OUT_OF_RANGE',
      { path: ['standardError'] },
    )
  })

  it('component keeps a given standardError and defaults the weight to 1', () => {
    const built = component('npsComponent', { standardError: 2.5 }, fields)
    expect(built.standardError).toBe(2.5)
    expect(built.weight).toBe(1)
    expect(built.name).toBe('NPS')
  })
})
