import { describe, expect, it } from 'vitest'
import { quotaAttainment } from '../../src/quota/quotaAttainment.js'
import { compileQuotaPlan } from '../../src/quota/quotaPlan.js'
import type { Quota } from '../../src/records/Quota.js'
import { expectMetricError } from '../helpers.js'

const q1 = (ownerId: string, amount: number, currency?: unknown): Quota =>
  ({
    ownerId,
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    amount,
    ...(currency === undefined ? {} : { currency }),
  }) as Quota
const booking = (ownerId: string, at: string, amount: number, currency?: string) => ({
  ownerId,
  at: new Date(at),
  amount,
  ...(currency === undefined ? {} : { currency }),
})

describe('compileQuotaPlan (through quotaAttainment and directly)', () => {
  it('refuses a teamOf option that is not a plain object with INVALID_OPTION at ["teamOf"]', () => {
    expectMetricError(
      () => quotaAttainment([q1('ana', 100)], [], { teamOf: ['emea'] as never }),
      'INVALID_OPTION',
      { path: ['teamOf'], metric: 'quotaAttainment' },
    )
  })

  it('refuses a members option that is not a plain object with INVALID_OPTION at ["members"]', () => {
    expectMetricError(
      () => quotaAttainment([q1('ana', 100)], [], { members: 'emea' as never }),
      'INVALID_OPTION',
      { path: ['members'], metric: 'quotaAttainment' },
    )
  })

  it('refuses a quota currency that is not a string at ["quotas", index, "currency"]', () => {
    expectMetricError(
      () => quotaAttainment([q1('ana', 100), q1('ben', 100, 978)], []),
      'INVALID_RECORD',
      { path: ['quotas', 1, 'currency'], metric: 'quotaAttainment' },
    )
  })

  it('accepts several quotas and bookings in one currency without rates', () => {
    const { rows } = quotaAttainment(
      [q1('ana', 100, 'EUR'), q1('ben', 200, 'EUR')],
      [
        booking('ana', '2026-01-05T00:00:00Z', 50, 'EUR'),
        booking('ben', '2026-02-05T00:00:00Z', 50, 'EUR'),
      ],
    )
    // ana 50 / 100 = 0.5; ben 50 / 200 = 0.25
    expect(rows.map((row) => row.attainment)).toEqual([0.5, 0.25])
  })

  it('names the quota whose currency has no rate with MISSING_FX_RATE', () => {
    expectMetricError(
      () =>
        quotaAttainment([q1('ana', 100, 'GBP')], [], {
          rates: { EUR: '1.08' },
          baseCurrency: 'USD',
        }),
      'MISSING_FX_RATE',
      { path: ['quotas', 0, 'currency'], metric: 'quotaAttainment' },
    )
  })

  it('credits nothing to a team that has no quota of its own', () => {
    // ana is in team emea, but emea holds no quota: ana's row is her own 40 / 100 = 0.4.
    const { rows } = quotaAttainment(
      [q1('ana', 100)],
      [booking('ana', '2026-01-05T00:00:00Z', 40)],
      { teamOf: { ana: 'emea' } },
    )
    expect(rows.map((row) => [row.ownerId, row.attainment])).toEqual([['ana', 0.4]])
  })

  it('without a list name, refuses overlapping quotas of one owner at [later index]', () => {
    expectMetricError(
      () =>
        compileQuotaPlan([q1('ana', 100), q1('ana', 50)], undefined, 'quotaAttainment', undefined),
      'DUPLICATE_ID',
      { path: [1], metric: 'quotaAttainment' },
    )
  })
  it('converts a quota in another currency into the base currency with the given rate', () => {
    // 100 EUR × 1.08 = 108 USD of quota; 54 USD booked: 54 / 108 = 0.5.
    const { rows } = quotaAttainment(
      [q1('ana', 100, 'EUR')],
      [booking('ana', '2026-01-05T00:00:00Z', 54, 'USD')],
      { rates: { EUR: '1.08' }, baseCurrency: 'USD' },
    )
    expect(rows[0]?.quota.toString()).toBe('108')
    expect(rows[0]?.attainment).toBe(0.5)
  })

  it('refuses a booking date given as text with INVALID_DATE at ["bookings", index, "at"]', () => {
    expectMetricError(
      () =>
        quotaAttainment(
          [q1('ana', 100)],
          [{ ownerId: 'ana', at: '2026-01-05' as unknown as Date, amount: 1 }],
        ),
      'INVALID_DATE',
      { path: ['bookings', 0, 'at'], metric: 'quotaAttainment' },
    )
  })
})
