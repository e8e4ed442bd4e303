import type { Decimal } from 'decimal.js'
import * as z from 'zod'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { isDecimal, type MoneyInput } from '../core/MoneyInput.js'
import { toMoneyDecimal } from '../core/moneySum.js'

/** Amount text longer than this is refused before it is read. */
const LONGEST_AMOUNT_TEXT = 400

/**
 * A non-negative amount of money, from a number, a decimal string (`'1234.50'`) or a
 * `Decimal`, turned into an exact `Decimal`. Rejects blanks, `'1,5'`, `'NaN'`, negatives,
 * amounts that overflow (`'1e9000000000000001'`) and texts over 400 characters.
 *
 * @example
 * ```ts
 * MoneySchema.parse('1234.50').toString() // => '1234.5'
 * ```
 * @category Schemas
 */
export const MoneySchema = z
  .custom<MoneyInput>(
    (value) => typeof value === 'number' || typeof value === 'string' || isDecimal(value),
    {
      message: 'expected an amount: a number or a decimal string',
    },
  )
  .transform((value, context): Decimal => {
    const refuse = (message: string) => {
      context.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    if (typeof value === 'string' && value.length > LONGEST_AMOUNT_TEXT)
      return refuse(
        `expected a decimal amount of at most ${LONGEST_AMOUNT_TEXT} characters, got ${describeValue(value)}`,
      )
    let amount: Decimal
    try {
      amount = toMoneyDecimal(value, { metric: 'MoneySchema', allowNegative: false }, 'amount')
    } catch (error) {
      if (error instanceof MetricInputError && error.code === 'NEGATIVE_VALUE')
        return refuse('expected an amount ≥ 0')
      return refuse(`expected a decimal amount, got ${describeAmount(value)}`)
    }
    if (!amount.isFinite()) return refuse(`expected a finite amount, got ${describeAmount(value)}`)
    return amount
  })

/** A money input for a message: text shortened, a Decimal by its value. */
function describeAmount(value: MoneyInput): string {
  try {
    return describeValue(typeof value === 'object' ? String(value) : value)
  } catch {
    return describeValue(value)
  }
}

/**
 * An optional amount: blank cells, `null` and `undefined` become absent.
 *
 * @example
 * ```ts
 * OptionalMoneySchema.parse(null) // => undefined
 * ```
 * @category Schemas
 */
export const OptionalMoneySchema = z
  .union([z.null(), z.undefined(), z.literal(''), MoneySchema])
  .transform((value) => (value === null || value === '' ? undefined : value))
  .optional()
