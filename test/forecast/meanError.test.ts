import { describe, expect, it } from 'vitest'
import { meanError } from '../../src/forecast/meanError.js'

describe('meanError', () => {
  it('is mean(A − F): positive means under-forecast, as R forecast (error <- x - f)', () => {
    expect(meanError({ actual: [10, 20], forecast: [12, 22] })).toBe(-2)
    expect(meanError({ actual: [], forecast: [] })).toBeNull()
  })

  it('matches the documented example', () => {
    expect(meanError({ actual: [10, 20], forecast: [8, 18] })).toBe(2)
  })
})
