import { describe, expect, it } from 'vitest'
import { classifyNps } from '../../src/survey/classifyNps.js'
import { isNpsScore } from '../../src/survey/npsKernel.js'
import { tallyNps } from '../../src/survey/tallyNps.js'
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

describe('isNpsScore (the one NPS score check, issue 13)', () => {
  it('accepts exactly the whole numbers 0..10, as classifyNps and tallyNps do', () => {
    // Hand list: 0..10 and −0 are scores; −1, 11, 2.5, NaN, ±Infinity, '5', null, 2³² + 5 are not.
    const scores = [0, -0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    const others = [-1, 11, 2.5, Number.NaN, Infinity, -Infinity, '5', null, 2 ** 32 + 5, true]
    for (const score of scores) expect(isNpsScore(score)).toBe(true)
    for (const other of others) {
      expect(isNpsScore(other)).toBe(false)
      expectMetricError(() => classifyNps(other as number), 'SCORE_OUT_OF_RANGE', {
        metric: 'classifyNps',
      })
      expectMetricError(() => tallyNps([other as number]), 'SCORE_OUT_OF_RANGE', {
        path: [0],
        metric: 'tallyNps',
      })
    }
  })
})
