import { describe, expect, it } from 'vitest'
import { cohortRetention } from '../../src/retention/cohortRetention.js'
import { customerChurnRate } from '../../src/retention/customerChurnRate.js'
import { customerRetentionAggregator } from '../../src/retention/customerRetentionAggregator.js'
import { grossRevenueRetention } from '../../src/retention/grossRevenueRetention.js'
import { netMrrChurnRate } from '../../src/retention/netMrrChurnRate.js'
import { netRevenueRetention } from '../../src/retention/netRevenueRetention.js'
import { revenueMovements } from '../../src/retention/revenueMovements.js'
import { revenueMovementsAggregator } from '../../src/retention/revenueMovementsAggregator.js'
import { kaplanMeier } from '../../src/survival/kaplanMeier.js'
import { restrictedMeanSurvivalTime } from '../../src/survival/restrictedMeanSurvivalTime.js'
import { runWithHangGuard } from '../hangGuard.js'
import { expectMetricError } from '../helpers.js'

const hostile = <T>(value: unknown) => value as T

describe('retention results hold no Infinity or -0 (issue 12)', () => {
  it('netRevenueRetention refuses an expansion of 1e400 on a start of 1 (no finite ratio)', () => {
    expectMetricError(
      () =>
        netRevenueRetention({ startingRevenue: 1, expansion: '1e400', contraction: 0, churn: 0 }),
      'VALUE_OUT_OF_RANGE',
      { metric: 'netRevenueRetention' },
    )
    expectMetricError(
      () => netMrrChurnRate({ startingRevenue: 1, expansion: '1e400', contraction: 0, churn: 0 }),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('an amount of 1e9000000000000001 is refused, not read as Infinity', () => {
    expectMetricError(
      () =>
        grossRevenueRetention({
          startingRevenue: '1e9000000000000001',
          contraction: 0,
          churn: 0,
        }),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('customerChurnRate with churnedCustomers -0 is 0, not -0', () => {
    // 0 / 200 = 0; the sign of a zero count carries no meaning.
    expect(Object.is(customerChurnRate({ customersAtStart: 200, churnedCustomers: -0 }), 0)).toBe(
      true,
    )
  })

  it('kaplanMeier reads a duration of -0 as time 0', () => {
    const curve = kaplanMeier({ durations: [-0, 1], events: [1, 1] })
    expect(Object.is(curve.steps[0]?.time, 0)).toBe(true)
  })
})

describe('retention inputs that are not what their type says (issue 12)', () => {
  it('restrictedMeanSurvivalTime refuses a step whose survival is the string "0.5"', () => {
    const curve = kaplanMeier({ durations: [1, 2, 3, 4], events: [1, 1, 1, 1] })
    const tampered = {
      ...curve,
      steps: curve.steps.map((step, index) =>
        index === 1 ? { ...step, survival: hostile<number>('0.5') } : step,
      ),
    }
    expectMetricError(() => restrictedMeanSurvivalTime(tampered, 4), 'RATE_OUT_OF_RANGE', {
      path: ['steps', 1, 'survival'],
      metric: 'restrictedMeanSurvivalTime',
    })
  })

  it('kaplanMeier refuses a durations list of length -1 without allocating', () => {
    expectMetricError(
      () => kaplanMeier({ durations: hostile({ length: -1 }), events: hostile({ length: -1 }) }),
      'VALUE_OUT_OF_RANGE',
      { path: ['durations'], metric: 'kaplanMeier' },
    )
  })

  it('null inputs and rows are refused with a path', () => {
    expectMetricError(() => customerChurnRate(hostile(null)), 'INVALID_RECORD', { path: [] })
    expectMetricError(() => revenueMovements(hostile([null]), []), 'INVALID_RECORD', {
      path: ['start', 0],
    })
    expectMetricError(() => cohortRetention(hostile([null])), 'INVALID_RECORD', { path: [0] })
    expectMetricError(() => cohortRetention([], hostile(null)), 'INVALID_OPTION', { path: [] })
  })
})

describe('cohortRetention spans (issue 12)', () => {
  it('refuses activity at the smallest Date instead of hanging', () => {
    expectMetricError(
      () => cohortRetention([{ customerId: 'a', at: new Date(-8.64e15) }]),
      'VALUE_OUT_OF_RANGE',
      { path: [0, 'at'], metric: 'cohortRetention' },
    )
  })

  it('MAX_COHORT_PERIODS matches the documented example', () => {
    const at = (iso: string) => new Date(iso)
    expectMetricError(
      () =>
        cohortRetention([
          { customerId: 'a', at: at('1900-01-01') },
          { customerId: 'b', at: at('2026-01-01') },
        ]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'at'], metric: 'cohortRetention' },
    )
  })

  it('accepts exactly 1,200 periods and refuses 1,201', () => {
    // 2026-01 … 2125-12 is 100 × 12 = 1,200 months; one month more is 1,201.
    const first = { customerId: 'a', at: new Date('2026-01-15T00:00:00Z') }
    const table = cohortRetention([
      first,
      { customerId: 'b', at: new Date('2125-12-15T00:00:00Z') },
    ])
    expect(table.periods).toHaveLength(1200)
    expect(table.periods.at(-1)).toBe('2125-12')
    expectMetricError(
      () => cohortRetention([first, { customerId: 'b', at: new Date('2126-01-15T00:00:00Z') }]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'at'] },
    )
  })

  it('refuses a span of more than 1,200 periods', () => {
    // 2026-01 … 2126-02 is 100 years and 2 months: 1,202 monthly periods.
    expectMetricError(
      () =>
        cohortRetention([
          { customerId: 'a', at: new Date('2026-01-15T00:00:00Z') },
          { customerId: 'b', at: new Date('2126-02-15T00:00:00Z') },
        ]),
      'VALUE_OUT_OF_RANGE',
      { path: [1, 'at'] },
    )
    expectMetricError(
      () =>
        cohortRetention([{ customerId: 'a', at: new Date('2026-01-15T00:00:00Z') }], {
          asOf: new Date('2200-01-01T00:00:00Z'),
        }),
      'VALUE_OUT_OF_RANGE',
      { path: ['asOf'] },
    )
  })

  const week = 7 * 86_400_000
  const weekly = (customers: number, start: number) => {
    const activity = []
    for (let customer = 0; customer < customers; customer++) {
      activity.push({
        customerId: `c${customer}`,
        at: new Date(start + customer * week),
        revenue: 10,
      })
      // each customer is seen again 30 days later
      activity.push({
        customerId: `c${customer}`,
        at: new Date(start + customer * week + 30 * 86_400_000),
        revenue: 12,
      })
    }
    return activity
  }

  it('5,000 customers joining one a week, by week (5,000 periods), are refused at once', () => {
    const activity = weekly(5_000, Date.UTC(1930, 0, 1))
    // BENCHMARKS.md, "Issue 12 fixes": 3,028 ms and 706 MB before, refused in 23 ms after.
    // The refusal itself is the regression check; the hang guard catches a hang.
    expectMetricError(
      () =>
        runWithHangGuard(
          () => cohortRetention(activity, { period: 'week' }),
          'cohortRetention over 5,000 weekly periods',
        ),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('5,000 customers joining one a week, by month (1,150 periods), finish without a hang', () => {
    const activity = weekly(5_000, Date.UTC(1930, 0, 1))
    // BENCHMARKS.md, "Issue 12 fixes": revenue 1,283 ms before, 207 ms after (logo ~100 ms,
    // notes/timing.md). The budget is 1 s; the hang guard (10 s) catches a hang.
    for (const basis of ['logo', 'revenue'] as const) {
      const table = runWithHangGuard(
        () => cohortRetention(activity, { basis }),
        `cohortRetention (${basis}) over 1,151 monthly periods`,
      )
      expect(table.periods[0]).toBe('1930-01')
      // Hand count: the last activity is 1930-01-01 + 4,999 weeks + 30 days = 2025-11-13,
      // so the table runs 1930-01 … 2025-11: 95 × 12 + 11 = 1,151 months.
      expect(table.periods).toHaveLength(1151)
      expect(table.cohorts.reduce((total, row) => total + row.size, 0)).toBe(5_000)
    }
  })
})

describe('retention aggregators refuse tampered and foreign states (issue 12)', () => {
  const logos = customerRetentionAggregator()
  const moves = revenueMovementsAggregator()

  it('customerRetentionAggregator refuses fractional, missing, extra and foreign states', () => {
    const good = logos.initial()
    expectMetricError(
      () => logos.merge({ ...good, customersAtStart: 1.5 }, good),
      'INVALID_STATE',
      { path: ['a', 'customersAtStart'], metric: 'customerRetentionAggregator' },
    )
    expectMetricError(() => logos.result(hostile({ customersAtStart: 1 })), 'INVALID_STATE')
    expectMetricError(() => logos.result(hostile(moves.initial())), 'INVALID_STATE')
    expectMetricError(() => logos.result({ ...good, newCustomers: -1 }), 'NEGATIVE_VALUE', {
      path: ['newCustomers'],
    })
  })

  it('revenueMovementsAggregator refuses negative amounts, bad counts and foreign states', () => {
    const good = moves.initial()
    expectMetricError(
      () => moves.merge(good, { ...good, startingRevenue: '-5' }),
      'NEGATIVE_VALUE',
      { path: ['b', 'startingRevenue'], metric: 'revenueMovementsAggregator' },
    )
    expectMetricError(
      () => moves.result({ ...good, counts: { ...good.counts, churn: -1 } }),
      'NEGATIVE_VALUE',
      { path: ['counts', 'churn'] },
    )
    expectMetricError(
      () => moves.result({ ...good, totals: { ...good.totals, churn: '0x10' } }),
      'NOT_FINITE',
      { path: ['totals', 'churn'] },
    )
    expectMetricError(() => moves.result(hostile(logos.initial())), 'INVALID_STATE')
    expectMetricError(() => moves.result({ ...good, startingCustomers: 0.5 }), 'INVALID_STATE')
  })
})

describe('more retention edges found by the hostile sweep (issue 12)', () => {
  it('kaplanMeier refuses weights whose sum or Greenwood variance overflows', () => {
    expectMetricError(
      () => kaplanMeier({ durations: [1, 2], events: [1, 1], weights: [1e308, 1e308] }),
      'VALUE_OUT_OF_RANGE',
      { path: ['weights', 1], metric: 'kaplanMeier' },
    )
    // At time 1: at risk 2 × 5e-324, one event of 5e-324 → d / (n (n − d)) ≈ 1 / 5e-324 > 1.8e308.
    expectMetricError(
      () => kaplanMeier({ durations: [1, 2], events: [1, 1], weights: [5e-324, 5e-324] }),
      'VALUE_OUT_OF_RANGE',
    )
  })

  it('kaplanMeier takes the median midpoint of two times near 1e308 without overflowing', () => {
    // Survival 0.5 after the first of two events, so the median is the midpoint (R's rule):
    // 1e308 + (1.5e308 − 1e308) / 2 = 1.25e308.
    expect(kaplanMeier({ durations: [1e308, 1.5e308], events: [1, 1] }).median).toBe(1.25e308)
  })

  it('restrictedMeanSurvivalTime over a horizon of 1e308 has a finite standard error', () => {
    // One event at 1 (of 2 at risk), one censoring at 2: S = 0.5 from 1 to the horizon h.
    // A₁ = 0.5 (h − 1), Var = A₁² · 1 / (2 · 1), so SE = A₁ / √2 — A₁² alone overflows.
    const curve = kaplanMeier({ durations: [1, 2], events: [1, 0] })
    const horizon = 1e308
    const result = restrictedMeanSurvivalTime(curve, horizon)
    expect(result.estimate / horizon).toBeCloseTo(0.5, 12)
    expect(result.standardError / horizon).toBeCloseTo(0.5 / Math.SQRT2, 12)
  })
})
