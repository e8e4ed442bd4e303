import { describe, expect, it } from 'vitest'
import { CustomerActivitySchema } from '../../src/schemas/CustomerActivitySchema.js'

describe('CustomerActivitySchema', () => {
  it('reads dates as UTC and revenue as Decimal', () => {
    const row = CustomerActivitySchema.parse({
      customerId: 'C-1',
      at: '2026-02-01T10:00:00+01:00',
      revenue: '12.30',
    })
    expect(row.at.toISOString()).toBe('2026-02-01T09:00:00.000Z')
    expect(row.revenue?.toString()).toBe('12.3')
  })

  it('reads an optional currency, upper-cased, and keeps a blank one absent', () => {
    expect(
      CustomerActivitySchema.parse({ customerId: 'C-1', at: '2026-02-01', currency: 'usd' })
        .currency,
    ).toBe('USD')
    expect(
      'currency' in
        CustomerActivitySchema.parse({ customerId: 'C-1', at: '2026-02-01', currency: '' }),
    ).toBe(false)
  })

  it('refuses an invalid date or a missing customer', () => {
    expect(
      CustomerActivitySchema.safeParse({ customerId: 'C-1', at: '2026-02-30' }).error?.issues[0]
        ?.path,
    ).toEqual(['at'])
    expect(
      CustomerActivitySchema.safeParse({ customerId: ' ', at: '2026-02-01' }).error?.issues[0]
        ?.path,
    ).toEqual(['customerId'])
  })

  it('matches the documented example', () => {
    const row = CustomerActivitySchema.parse({ customerId: 'C-7', at: '2026-02-01', revenue: '' })
    expect(row).toEqual({ customerId: 'C-7', at: new Date('2026-02-01T00:00:00Z') })
  })
})
