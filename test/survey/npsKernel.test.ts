import { describe, expect, it } from 'vitest'
import {
  countNpsScores,
  momentsOfTally,
  readNpsInput,
  scoreOutOfRange,
  validateTally,
} from '../../src/survey/npsKernel.js'

describe('npsKernel', () => {
  it('tells a score list (numeric length) from a tally', () => {
    expect(readNpsInput([9, 0], 'm')).toEqual({
      promoters: 1,
      passives: 0,
      detractors: 1,
      total: 2,
    })
    expect(readNpsInput({ promoters: 1, passives: 0, detractors: 1 }, 'm').total).toBe(2)
  })

  it('accepts a total within float rounding of the sum (weighted tallies)', () => {
    expect(
      validateTally({ promoters: 0.1, passives: 0.2, detractors: 0, total: 0.3 }, 'm').total,
    ).toBeCloseTo(0.3, 15)
  })

  it('computes the −1/0/+1 variance p + d − (p − d)², never below 0', () => {
    // Rocks nps_var(c(1, 9)) == 1
    expect(momentsOfTally({ promoters: 1, passives: 0, detractors: 1, total: 2 }, 'wald')).toEqual({
      centre: 0,
      variance: 1,
      n: 2,
    })
    expect(
      momentsOfTally({ promoters: 3, passives: 0, detractors: 0, total: 3 }, 'wald').variance,
    ).toBe(0)
    expect(
      momentsOfTally({ promoters: 0, passives: 0, detractors: 1, total: 1 }, 'adjusted-wald').n,
    ).toBe(4)
  })

  it('words the score error for every kind of place', () => {
    expect(scoreOutOfRange('m', [], 11, 0, 10).message).toBe(
      'm: score is 11; scores must be integers from 0 to 10',
    )
    expect(scoreOutOfRange('m', [4, 'score'], 11, 0, 10).message).toBe(
      'm: score at index 4 is 11; scores must be integers from 0 to 10',
    )
    expect(scoreOutOfRange('m', ['a', 2], 11, 0, 10).path).toEqual(['a', 2])
    expect(countNpsScores([], 'm').total).toBe(0)
  })
})
