import { describe, expect, it } from 'vitest'
import { parseRecords } from '../../src/schemas/parseRecords.js'
import { QuotaSchema } from '../../src/schemas/QuotaSchema.js'

const row = {
  ownerId: ' rep-ana ',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  amount: '250000.50',
  currency: 'usd',
}
const issuePaths = (value: object) =>
  QuotaSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'))

describe('QuotaSchema', () => {
  it('matches the documented example', () => {
    const quota = QuotaSchema.parse({
      ownerId: 'rep-ana',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      amount: '250000',
      currency: 'usd',
    })
    expect(quota.amount.toString()).toBe('250000')
    expect(quota.currency).toBe('USD')
  })

  it('reads a CSV row into a Quota: dates kept as calendar dates, money exact, blank currency absent', () => {
    const quota = QuotaSchema.parse({ ...row, currency: ' ', extra: 'ignored' })
    expect(quota).toEqual({
      ownerId: 'rep-ana',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      amount: quota.amount,
    })
    expect(quota.amount.toString()).toBe('250000.5')
    // A date-time becomes an instant, read as a date in the metric's timeZone.
    expect(
      QuotaSchema.parse({ ...row, periodStart: '2026-01-01T00:00:00+01:00' }).periodStart,
    ).toEqual(new Date('2025-12-31T23:00:00Z'))
  })

  it('rejects each invalid field with its path', () => {
    expect(issuePaths({ ...row, ownerId: '  ' })).toEqual(['ownerId'])
    expect(issuePaths({ ...row, periodStart: '2026-02-30' })).toEqual(['periodStart'])
    expect(issuePaths({ ...row, periodEnd: 'Q1' })).toEqual(['periodEnd'])
    expect(issuePaths({ ...row, periodEnd: '2025-12-31' })).toEqual(['periodEnd'])
    expect(issuePaths({ ...row, amount: '-1' })).toEqual(['amount'])
    expect(issuePaths({ ...row, amount: '1,5' })).toEqual(['amount'])
    expect(issuePaths({ ...row, currency: 'dollars' })).toEqual(['currency'])
  })

  it('lets no input key reach a prototype', () => {
    const hostile = JSON.parse(
      `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "ownerId": "a", "periodStart": "2026-01-01", "periodEnd": "2026-01-31", "amount": 5}`,
    )
    const { records } = parseRecords(QuotaSchema, [hostile])
    const record = records[0] as object
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    for (const key of ['__proto__', 'constructor', 'prototype'])
      expect(Object.hasOwn(record, key)).toBe(false)
  })
})
