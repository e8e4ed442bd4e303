import { describe, expect, it } from 'vitest'
import { FORECAST_CATEGORIES } from '../../src/forecast/ForecastSubmission.js'

describe('ForecastSubmission', () => {
  it('lists the categories from most to least certain', () => {
    expect(FORECAST_CATEGORIES).toEqual(['commit', 'best-case', 'pipeline'])
  })
})
