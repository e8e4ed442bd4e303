import { describe, expect, it } from 'vitest'
import { requiredPipelineCoverage } from '../../src/pipeline/requiredPipelineCoverage.js'
import { expectMetricError } from '../helpers.js'

describe('requiredPipelineCoverage', () => {
  it('is 1 / win rate: the "3× rule" is a ~33 % win rate', () => {
    expect(requiredPipelineCoverage(0.25)).toBe(4)
    expect(requiredPipelineCoverage(1 / 3)).toBeCloseTo(3, 14)
    expect(requiredPipelineCoverage(1)).toBe(1)
  })

  it('is null for a zero or unknown win rate', () => {
    expect(requiredPipelineCoverage(0)).toBeNull()
    expect(requiredPipelineCoverage(null)).toBeNull()
  })

  it('refuses a rate outside 0..1', () => {
    expectMetricError(() => requiredPipelineCoverage(25), 'RATE_OUT_OF_RANGE', {
      path: ['winRate'],
    })
    expectMetricError(() => requiredPipelineCoverage(Number.NaN), 'RATE_OUT_OF_RANGE')
  })

  it('matches the documented example', () => {
    expect(requiredPipelineCoverage(0.25)).toBe(4)
  })
})
