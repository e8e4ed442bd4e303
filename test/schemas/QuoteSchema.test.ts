import { describe, expect, it } from 'vitest'
import { QuoteSchema } from '../../src/schemas/QuoteSchema.js'

describe('QuoteSchema', () => {
  it('refuses a quote without its lead', () => {
    expect(
      QuoteSchema.safeParse({ id: 'Q', leadId: '', createdAt: '2026-03-03' }).error?.issues[0]
        ?.path,
    ).toEqual(['leadId'])
  })

  it('matches the documented example', () => {
    expect(
      QuoteSchema.parse({ id: 'Q-1', leadId: 'L-1', createdAt: '2026-03-03T15:00:00+01:00' }),
    ).toEqual({
      id: 'Q-1',
      leadId: 'L-1',
      createdAt: new Date('2026-03-03T14:00:00Z'),
    })
  })
})
