import { describe, expect, expectTypeOf, it } from 'vitest'
import { forecastAccuracyByPeriod } from '../../src/forecast/forecastAccuracyByPeriod.js'
import {
  FORECAST_CATEGORIES,
  type ForecastCategory,
  type ForecastSubmission,
} from '../../src/records/ForecastSubmission.js'
import { ForecastSubmissionSchema } from '../../src/schemas/ForecastSubmissionSchema.js'
import { expectMetricError } from '../helpers.js'

const q1 = { periodStart: new Date('2026-01-01'), periodEnd: new Date('2026-03-31') }
const submittedAt = new Date('2026-01-15')
// One call per category, each a different amount, against bookings of 120 in the quarter.
const amounts: Record<ForecastCategory, number> = { commit: 100, 'best-case': 130, pipeline: 200 }
const submissions: ForecastSubmission[] = FORECAST_CATEGORIES.map((category) => ({
  ownerId: 'ana',
  ...q1,
  category,
  amount: amounts[category],
  submittedAt,
}))
const actuals = [{ ownerId: 'ana', at: new Date('2026-03-15'), amount: 120 }]

describe('ForecastSubmission', () => {
  it('each FORECAST_CATEGORIES entry selects its own calls; the first (commit) is the default', () => {
    for (const category of FORECAST_CATEGORIES) {
      const result = forecastAccuracyByPeriod(submissions, actuals, { category })
      expect(result.rows[0]?.forecast?.toString(), category).toBe(String(amounts[category]))
    }
    const byDefault = forecastAccuracyByPeriod(submissions, actuals)
    expect(FORECAST_CATEGORIES[0]).toBe('commit')
    expect(byDefault.rows[0]?.forecast?.toString()).toBe('100')
    // accuracy = 1 − |F − A| / |A| = 1 − 20/120 (by hand)
    expect(byDefault.groups[0]?.accuracy).toBeCloseTo(1 - 20 / 120, 12)
  })

  it('a category outside FORECAST_CATEGORIES is refused in a record, an option and the schema', () => {
    const upside = { ...submissions[0]!, category: 'upside' as ForecastCategory }
    expectMetricError(
      () => forecastAccuracyByPeriod([submissions[0]!, upside], actuals),
      'VALUE_OUT_OF_RANGE',
      { path: ['submissions', 1, 'category'], metric: 'forecastAccuracyByPeriod' },
    )
    expectMetricError(
      () => forecastAccuracyByPeriod(submissions, actuals, { category: 'upside' as never }),
      'INVALID_OPTION',
      { path: ['category'], metric: 'forecastAccuracyByPeriod' },
    )
    const row = {
      ownerId: 'ana',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      amount: '1',
      submittedAt: '2026-01-15',
    }
    for (const category of FORECAST_CATEGORIES) {
      expect(ForecastSubmissionSchema.parse({ ...row, category }).category).toBe(category)
    }
    expect(ForecastSubmissionSchema.safeParse({ ...row, category: 'upside' }).success).toBe(false)
  })

  it('types (checked by tsc): ForecastCategory derives from FORECAST_CATEGORIES', () => {
    expectTypeOf<ForecastCategory>().toEqualTypeOf<(typeof FORECAST_CATEGORIES)[number]>()
    expectTypeOf<'upside'>().not.toExtend<ForecastCategory>()
    // @ts-expect-error: a submission needs its submittedAt (the lead-time rule reads it)
    const undated: ForecastSubmission = { ownerId: 'ana', ...q1, category: 'commit', amount: 1 }
    expectMetricError(() => forecastAccuracyByPeriod([undated], actuals), 'INVALID_DATE', {
      path: ['submissions', 0, 'submittedAt'],
    })
  })
})
