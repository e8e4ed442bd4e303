import { describe, expect, it } from 'vitest'
import { NPS_CLASSES, NPS_INTERVAL_METHODS } from '../../src/survey/NpsTally.js'

describe('NpsTally', () => {
  it('lists the classes worst to best and the interval methods, default first', () => {
    expect(NPS_CLASSES).toEqual(['detractor', 'passive', 'promoter'])
    expect(NPS_INTERVAL_METHODS).toEqual(['adjusted-wald', 'wald'])
  })
})
