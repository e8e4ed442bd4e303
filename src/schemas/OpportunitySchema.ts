import * as z from 'zod'
import { describeValue } from '../core/describeValue.js'
import type { Opportunity } from '../records/Opportunity.js'
import { OptionalCurrencySchema } from './AccountRevenueSchema.js'
import { CalendarDateSchema, OptionalCalendarDateSchema } from './CalendarDateSchema.js'
import {
  CsvNumberSchema,
  InstantSchema,
  OptionalInstantSchema,
  OptionalTextSchema,
  withoutUndefined,
} from './fields.js'
import { MoneySchema, OptionalMoneySchema } from './money.js'

/**
 * One entry of a stage history: `{ stage, enteredAt }`.
 *
 * @example
 * ```ts
 * StageEntrySchema.parse({ stage: ' Demo ', enteredAt: '2026-01-05' }).stage // => 'Demo'
 * ```
 * @category Schemas
 */
export const StageEntrySchema = z.object({
  stage: z.string().trim().min(1, 'expected a stage name'),
  enteredAt: InstantSchema,
})

// A Map, not an object literal: a lookup of 'constructor' or '__proto__' finds nothing.
const STATUS_WORDS: ReadonlyMap<string, 'open' | 'won' | 'lost'> = new Map([
  ['open', 'open'],
  ['won', 'won'],
  ['lost', 'lost'],
  ['closed won', 'won'],
  ['closed lost', 'lost'],
  ['closed-won', 'won'],
  ['closed-lost', 'lost'],
])

/**
 * `'open'`, `'won'` or `'lost'`, also read from CRM words such as `'Closed Won'`.
 *
 * @example
 * ```ts
 * OpportunityStatusSchema.parse('Closed Won') // => 'won'
 * ```
 * @category Schemas
 */
export const OpportunityStatusSchema = z.string().transform((value, context) => {
  const status = value.length > 32 ? undefined : STATUS_WORDS.get(value.trim().toLowerCase())
  if (status === undefined) {
    context.addIssue({
      code: 'custom',
      message: `expected open, won or lost, got ${describeValue(value)}`,
    })
    return z.NEVER
  }
  return status
})

/** The longest stage or field history read (a bound against hostile million-element lists). */
const MAX_HISTORY = 10_000

/** A list of at most `MAX_HISTORY` entries of `entry`. */
function historyList<T extends z.ZodType>(entry: T) {
  return z.array(entry).max(MAX_HISTORY, `expected at most ${MAX_HISTORY} entries`)
}

/**
 * `list` held as an array or as a JSON text cell of one; a blank cell is `blank` (an empty
 * list, or `undefined` for an optional field).
 */
function fromJsonText<T extends z.ZodType>(list: T, shape: string, blank: [] | undefined) {
  return z.preprocess((value, context) => {
    if (value === undefined || value === null || value === '') return blank
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value)
    } catch {
      context.addIssue({ code: 'custom', message: `expected a JSON array of ${shape}` })
      return z.NEVER
    }
  }, list)
}

/** A stage history as an array, or as a JSON text cell of such an array. */
const StageHistorySchema = fromJsonText(historyList(StageEntrySchema), '{ stage, enteredAt }', [])

/**
 * One change of the planned close date from CRM field history: `{ at, value }`, `value` a
 * calendar date.
 *
 * @example
 * ```ts
 * CloseDateChangeSchema.parse({ at: '2026-02-01T09:00:00Z', value: '2026-03-31' }).value // => '2026-03-31'
 * ```
 * @category Schemas
 */
export const CloseDateChangeSchema = z.object({
  at: InstantSchema,
  value: CalendarDateSchema,
})

/**
 * One change of the amount from CRM field history: `{ at, value }`, `value` an amount ≥ 0
 * (becomes a `Decimal`).
 *
 * @example
 * ```ts
 * AmountChangeSchema.parse({ at: '2026-02-01T09:00:00Z', value: '1200.50' }).value.toString() // => '1200.5'
 * ```
 * @category Schemas
 */
export const AmountChangeSchema = z.object({
  at: InstantSchema,
  value: MoneySchema,
})

/** Adds an issue at the first entry of `history` dated before the one preceding it. */
function requireTimeOrder(
  history: readonly { readonly at: Date }[] | undefined,
  field: string,
  context: z.core.$RefinementCtx,
): void {
  if (history === undefined) return
  for (let step = 1; step < history.length; step++) {
    if ((history[step] as { at: Date }).at < (history[step - 1] as { at: Date }).at) {
      context.addIssue({
        code: 'custom',
        path: [field, step, 'at'],
        message: `${field} is not in time order (oldest first)`,
      })
      return
    }
  }
}

/**
 * An opportunity (deal) as CRM exports hold it, turned into an `Opportunity`: ISO dates
 * (UTC unless offset), an optional decimal `amount` (becomes a `Decimal`; a blank cell is
 * absent, as CRMs leave early deals without one), an optional `currency`,
 * `status` open / won / lost (also `'Closed Won'`), a `stageHistory` array (or a JSON text
 * cell) in time order (at most 10,000 entries), an optional `probability` 0..1, `ownerId`,
 * `segment`, `accountId`, `source`, `expectedCloseAt` (a calendar date, see
 * {@link CalendarDateSchema}), `closeDateHistory` and `amountHistory` (`{ at, value }`
 * arrays or JSON text cells, oldest first). A won or lost deal needs `closedAt`, not
 * before `createdAt`. Status words are looked up as own entries only: `'constructor'` or
 * `'__proto__'` is refused.
 *
 * @example
 * ```ts
 * const deal = OpportunitySchema.parse({
 *   id: 'OPP-1', createdAt: '2026-01-05', amount: '12000.50', status: 'Closed Won', closedAt: '2026-02-01',
 *   stageHistory: '[{"stage":"Discovery","enteredAt":"2026-01-05"}]',
 * })
 * deal.status // => 'won'
 * deal.stageHistory[0].stage // => 'Discovery'
 * ```
 * @category Schemas
 */
export const OpportunitySchema = z
  .object({
    id: z.string().trim().min(1, 'expected an opportunity id'),
    createdAt: InstantSchema,
    amount: OptionalMoneySchema,
    currency: OptionalCurrencySchema,
    status: OpportunityStatusSchema,
    closedAt: OptionalInstantSchema,
    stageHistory: StageHistorySchema,
    probability: z
      .union([z.null(), z.undefined(), z.literal(''), CsvNumberSchema])
      .transform((value) => (value === null || value === '' ? undefined : value))
      .refine((value) => value === undefined || (value >= 0 && value <= 1), {
        message: 'expected a probability from 0 to 1',
      })
      .optional(),
    ownerId: OptionalTextSchema,
    segment: OptionalTextSchema,
    accountId: OptionalTextSchema,
    source: OptionalTextSchema,
    expectedCloseAt: OptionalCalendarDateSchema,
    closeDateHistory: fromJsonText(
      historyList(CloseDateChangeSchema).optional(),
      '{ at, value }',
      undefined,
    ),
    amountHistory: fromJsonText(
      historyList(AmountChangeSchema).optional(),
      '{ at, value }',
      undefined,
    ),
  })
  .superRefine((deal, context) => {
    if (deal.status !== 'open' && deal.closedAt === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['closedAt'],
        message: `a ${deal.status} opportunity needs closedAt`,
      })
    }
    if (deal.closedAt !== undefined && deal.closedAt < deal.createdAt) {
      context.addIssue({
        code: 'custom',
        path: ['closedAt'],
        message: 'closedAt is before createdAt',
      })
    }
    deal.stageHistory.forEach((entry, step) => {
      const previous = deal.stageHistory[step - 1]
      if (previous !== undefined && entry.enteredAt < previous.enteredAt) {
        context.addIssue({
          code: 'custom',
          path: ['stageHistory', step, 'enteredAt'],
          message: 'stage history is not in time order',
        })
      }
    })
    requireTimeOrder(deal.closeDateHistory, 'closeDateHistory', context)
    requireTimeOrder(deal.amountHistory, 'amountHistory', context)
  })
  .transform((deal): Opportunity => withoutUndefined(deal) as Opportunity)
