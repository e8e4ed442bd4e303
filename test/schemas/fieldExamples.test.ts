import { describe, expect, it } from 'vitest'
import { OptionalCurrencySchema } from '../../src/schemas/AccountRevenueSchema.js'
import {
  CsvNonNegativeNumberSchema,
  CsvNumberSchema,
  csvIntegerSchema,
  InstantSchema,
  OptionalInstantSchema,
  OptionalNonNegativeNumberSchema,
  OptionalTextSchema,
} from '../../src/schemas/fields.js'
import { MoneySchema, OptionalMoneySchema } from '../../src/schemas/money.js'
import { OpportunityStatusSchema, StageEntrySchema } from '../../src/schemas/OpportunitySchema.js'
import { expectMetricError } from '../helpers.js'

/** The @example of each field schema, asserted; expected values are worked by hand. */
describe('field schemas', () => {
  it('matches the documented examples', () => {
    expect(CsvNumberSchema.parse(' 1.5e3 ')).toBe(1500) // 1.5 × 10³
    expect(CsvNonNegativeNumberSchema.safeParse('-1').success).toBe(false)
    expect(csvIntegerSchema(1, 5).parse('4')).toBe(4)
    // 10:00 at +01:00 is 09:00 UTC.
    expect(InstantSchema.parse('2026-03-01T10:00:00+01:00').toISOString()).toBe(
      '2026-03-01T09:00:00.000Z',
    )
    expect(OptionalTextSchema.parse('  ')).toBeUndefined()
    expect(OptionalNonNegativeNumberSchema.parse(' 2.5 ')).toBe(2.5)
    expect(OptionalInstantSchema.parse('')).toBeUndefined()
    expect(MoneySchema.parse('1234.50').toString()).toBe('1234.5')
    expect(OptionalMoneySchema.parse(null)).toBeUndefined()
    expect(OpportunityStatusSchema.parse('Closed Won')).toBe('won')
    expect(StageEntrySchema.parse({ stage: ' Demo ', enteredAt: '2026-01-05' }).stage).toBe('Demo')
    expect(OptionalCurrencySchema.parse('eur')).toBe('EUR')
  })

  it('csvIntegerSchema refuses bounds that are not safe integers or out of order', () => {
    expectInvalidBounds(() => csvIntegerSchema(Number.NaN, 5), ['min'])
    expectInvalidBounds(() => csvIntegerSchema(0, 1.5), ['max'])
    expectInvalidBounds(() => csvIntegerSchema(5, 1), ['max'])
  })
})

function expectInvalidBounds(action: () => unknown, path: string[]): void {
  expectMetricError(action, 'INVALID_OPTION', { path, metric: 'csvIntegerSchema' })
}
