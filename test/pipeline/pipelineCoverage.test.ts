import { describe, expect, it } from 'vitest'
import { pipelineCoverage } from '../../src/pipeline/pipelineCoverage.js'
import { expectMetricError } from '../helpers.js'

describe('pipelineCoverage', () => {
  it('is open pipeline / remaining quota (winsabove, contextawareanalytics)', () => {
    expect(pipelineCoverage({ openPipeline: 900000, remainingQuota: 300000 })).toBe(3)
    expect(pipelineCoverage({ openPipeline: '0.3', remainingQuota: '0.1' })).toBe(3)
    expect(pipelineCoverage({ openPipeline: 0, remainingQuota: 5 })).toBe(0)
  })

  it('is null on a zero remaining quota', () => {
    expect(pipelineCoverage({ openPipeline: 100, remainingQuota: 0 })).toBeNull()
  })

  it('refuses negative money', () => {
    expectMetricError(
      () => pipelineCoverage({ openPipeline: -1, remainingQuota: 5 }),
      'NEGATIVE_VALUE',
      { path: ['openPipeline'] },
    )
  })

  it('matches the documented example', () => {
    expect(pipelineCoverage({ openPipeline: 900000, remainingQuota: 300000 })).toBe(3)
  })
})
