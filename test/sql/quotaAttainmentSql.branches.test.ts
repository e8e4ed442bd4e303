/**
 * Branches of quotaAttainmentSql not reached by its main test: options not offered in SQL,
 * the currency column of each row, a day shared by two owners, and a booking the aggregator
 * refuses reported at its row.
 */
import { describe, expect, it } from 'vitest'
import { quotaAttainmentSql } from '../../src/sql/index.js'
import { expectMetricError } from '../helpers.js'

const metric = 'quotaAttainmentSql'
const QUOTAS = [
  { ownerId: 'ana', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
  { ownerId: 'ben', periodStart: '2026-01-01', periodEnd: '2026-03-31', amount: 1000 },
]
const make = (extra: Record<string, unknown> = {}) =>
  quotaAttainmentSql({
    dialect: 'duckdb',
    from: 'crm.bookings',
    columns: { ownerId: 'owner_id', at: 'closed_at', amount: 'amount', currency: 'currency' },
    quotas: QUOTAS,
    ...extra,
  } as never)
const checks = {
  cx_missingOwner: 0,
  cx_missingAt: 0,
  cx_missingAmount: 0,
  cx_negativeAmount: 0,
  cx_tooPrecise: 0,
}
const row = (owner: unknown, day: unknown, currency: unknown, amount = '100.000000') => ({
  cx_group_0: owner,
  cx_group_1: day,
  cx_group_2: currency,
  cx_n: 1,
  cx_amount: amount,
  ...checks,
})

describe('quotaAttainmentSql options', () => {
  it('refuses rates and baseCurrency, which SQL does not offer', () => {
    expectMetricError(() => make({ rates: { USD: 1 } }), 'INVALID_OPTION', {
      path: ['rates'],
      metric,
    })
    expectMetricError(() => make({ baseCurrency: 'EUR' }), 'INVALID_OPTION', {
      path: ['baseCurrency'],
      metric,
    })
  })
})

describe('quotaAttainmentSql finish', () => {
  it('refuses a currency cell that is not text', () => {
    expectMetricError(() => make().finish([row('ana', '2026-01-10', 7)]), 'INVALID_RECORD', {
      path: [0, 'cx_group_2'],
      metric,
    })
  })

  it('adds two owners booking on the same day, each with its currency', () => {
    // Ana 100 EUR and Ben 250 EUR on 10 January, one cell: rows per quota in quota order,
    // Ana's quota booked 100, Ben's 250.
    const rows = make().finish([
      row('ana', '2026-01-10', 'EUR'),
      row('ben', '2026-01-10', 'EUR', '250.000000'),
    ])
    expect(rows.length).toBe(1)
    expect(rows[0]?.n).toBe(2)
    expect(rows[0]?.result.rows[0]?.booked.toString()).toBe('100')
    expect(rows[0]?.result.rows[1]?.booked.toString()).toBe('250')
  })

  it('reports a currency mismatch of the aggregator at the row of the second booking', () => {
    // Row 0 books EUR, row 1 USD in the same cell; without rates the second cannot be added.
    expectMetricError(
      () => make().finish([row('ana', '2026-01-10', 'EUR'), row('ana', '2026-01-11', 'USD')]),
      'CURRENCY_MISMATCH',
      { path: [1], metric },
    )
  })
})
