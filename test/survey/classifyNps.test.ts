import { describe, expect, it } from 'vitest'
import { classifyNps } from '../../src/survey/classifyNps.js'
import { expectMetricError } from '../helpers.js'

describe('classifyNps', () => {
  it('classes 9–10 as promoters, 7–8 as passives, 0–6 as detractors (Reichheld 2003)', () => {
    const classes = Array.from({ length: 11 }, (_, score) => classifyNps(score))
    expect(classes).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })

  it('refuses anything but an integer from 0 to 10, as Rocks npc() warns on 11, -1 and 1/3', () => {
    for (const bad of [11, -1, 1 / 3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectMetricError(() => classifyNps(bad), 'SCORE_OUT_OF_RANGE', { metric: 'classifyNps' })
    }
    const error = expectMetricError(() => classifyNps(11), 'SCORE_OUT_OF_RANGE')
    expect(error.path).toBeUndefined()
    expect(error.message).toBe('classifyNps: score is 11; scores must be integers from 0 to 10')
  })

  it('matches the documented example', () => {
    expect(classifyNps(9)).toBe('promoter')
    expect(classifyNps(6)).toBe('detractor')
  })
})
