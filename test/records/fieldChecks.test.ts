import { describe, expect, it } from 'vitest'
import {
  furthestStage,
  readStages,
  requireClosedAt,
  requireRate,
} from '../../src/records/fieldChecks.js'
import { expectMetricError } from '../helpers.js'
import { day, deal } from '../pipeline/fixtures.js'

describe('records/fieldChecks', () => {
  it('finds the furthest listed stage; a won deal passes all; unlisted stages are ignored', () => {
    const stages = readStages(['A', 'B', 'C'], 'm')
    expect(furthestStage(deal('lost', ['A', 'X', 'C', 'B']), 0, stages, 'm')).toBe(2)
    expect(furthestStage(deal('won', ['A']), 0, stages, 'm')).toBe(3)
    expect(furthestStage(deal('open', ['X']), 0, stages, 'm')).toBe(-1)
  })

  it('checks closedAt and rates', () => {
    expect(requireClosedAt(deal('won', ['A']), 0, 'm')).toBe(day(2).getTime())
    expect(requireRate(0.5, 'm', ['p'], 'p')).toBe(0.5)
    expectMetricError(() => requireRate(-0.1, 'm', ['p'], 'p'), 'RATE_OUT_OF_RANGE', {
      path: ['p'],
    })
    expectMetricError(() => readStages(undefined, 'm'), 'INVALID_OPTION', { path: ['stages'] })
  })
})
