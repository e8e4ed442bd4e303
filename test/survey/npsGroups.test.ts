import { describe, expect, it } from 'vitest'
import { sumGroups, summariseGroup } from '../../src/survey/npsGroups.js'
import { readIntervalOptions } from '../../src/survey/npsKernel.js'

describe('npsGroups', () => {
  const at = new Date(0)
  it('sums classes per group code and summarises an empty group as null', () => {
    const sums = sumGroups(
      [
        { score: 10, respondedAt: at },
        { score: 7, respondedAt: at },
        { score: 2, respondedAt: at },
      ],
      Int32Array.of(0, 0, 2),
      3,
      'm',
    )
    expect(Array.from(sums.promoters)).toEqual([1, 0, 0])
    expect(Array.from(sums.passives)).toEqual([1, 0, 0])
    expect(Array.from(sums.detractors)).toEqual([0, 0, 1])
    expect(sums.weighted).toBe(false)
    const options = readIntervalOptions({}, 'm')
    expect(options.method).toBe('adjusted-wald')
    const empty = summariseGroup(sums, 1, options, 'm', 'group 1')
    expect(empty).toMatchObject({
      score: null,
      total: 0,
      responses: 0,
      effectiveSampleSize: 0,
      lower: null,
    })
  })
})
