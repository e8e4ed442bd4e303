import { describe, expect, it } from 'vitest'
import { ForecastSubmissionSchema } from '../../src/schemas/ForecastSubmissionSchema.js'

const row = {
  ownerId: 'rep-ana',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  category: 'commit',
  amount: '149029.72',
  submittedAt: '2026-01-20T17:00:00Z',
}

describe('ForecastSubmissionSchema', () => {
  it('reads a CSV row, spellings of best-case included', () => {
    const call = ForecastSubmissionSchema.parse(row)
    expect(call.amount.toString()).toBe('149029.72')
    expect(call.periodEnd.toISOString()).toBe('2026-03-31T00:00:00.000Z')
    expect(ForecastSubmissionSchema.parse({ ...row, category: 'BESTCASE' }).category).toBe(
      'best-case',
    )
    expect(ForecastSubmissionSchema.parse({ ...row, category: 'best_case' }).category).toBe(
      'best-case',
    )
  })

  it('refuses an unknown category and a period that ends before it starts', () => {
    expect(
      ForecastSubmissionSchema.safeParse({ ...row, category: 'upside' }).error?.issues[0]?.path,
    ).toEqual(['category'])
    expect(
      ForecastSubmissionSchema.safeParse({ ...row, periodEnd: '2025-12-31' }).error?.issues[0]
        ?.path,
    ).toEqual(['periodEnd'])
  })

  it('reads an optional currency, upper-cased, and leaves it out when blank', () => {
    expect(ForecastSubmissionSchema.parse({ ...row, currency: 'jpy' }).currency).toBe('JPY')
    expect('currency' in ForecastSubmissionSchema.parse({ ...row, currency: '' })).toBe(false)
    expect('currency' in ForecastSubmissionSchema.parse(row)).toBe(false)
    expect(
      ForecastSubmissionSchema.safeParse({ ...row, currency: 'dollars' }).error?.issues[0]?.path,
    ).toEqual(['currency'])
  })

  it('matches the documented example', () => {
    const call = ForecastSubmissionSchema.parse({
      ownerId: 'rep-ana',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      category: 'Best Case',
      amount: '198706.29',
      submittedAt: '2026-01-20T17:00:00Z',
    })
    expect(call.category).toBe('best-case')
  })
})
