import type { Decimal } from 'decimal.js'
import * as z from 'zod'
import { MetricInputError } from '../core/MetricInputError.js'
import { isDecimal, type MoneyInput } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'

/**
 * A non-negative amount of money, from a number, a decimal string (`'1234.50'`) or a
 * `Decimal`, turned into an exact `Decimal`. Rejects blanks, `'1,5'`, `'NaN'` and negatives.
 */
export const MoneySchema = z
  .custom<MoneyInput>(
    (value) => typeof value === 'number' || typeof value === 'string' || isDecimal(value),
    {
      message: 'expected an amount: a number or a decimal string',
    },
  )
  .transform((value, context): Decimal => {
    try {
      return toMoneyDecimal(value, { metric: 'MoneySchema', allowNegative: false }, 'amount')
    } catch (error) {
      if (!(error instanceof MetricInputError)) throw error
      context.addIssue({
        code: 'custom',
        message:
          error.code === 'NEGATIVE_VALUE'
            ? 'expected an amount ≥ 0'
            : `expected a decimal amount, got ${JSON.stringify(String(value))}`,
      })
      return z.NEVER
    }
  })

/** An optional amount: blank cells, `null` and `undefined` become absent. */
export const OptionalMoneySchema = z
  .union([z.null(), z.undefined(), z.literal(''), MoneySchema])
  .transform((value) => (value === null || value === '' ? undefined : value))
  .optional()
