import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { createMoneySum, type MoneyContext } from '../core/moneySum.js'
import { guardInput, readOptions, requireList, requireOneOf } from '../core/validate.js'
import { requireClosedAt, requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import type { Booking } from './Booking.js'
import { checkAmount } from './quotaPlan.js'

/**
 * Whom {@link bookingsFromOpportunities} credits a won deal to: its `ownerId` (rep quotas)
 * or its `accountId` (account-plan targets).
 *
 * @category Quota
 */
export const BOOKING_OWNERS = ['owner', 'account'] as const
/**
 * One of {@link BOOKING_OWNERS}.
 *
 * @category Quota
 */
export type BookingOwner = (typeof BOOKING_OWNERS)[number]

/**
 * Options of {@link bookingsFromOpportunities}.
 *
 * @category Quota
 */
export interface BookingsFromOpportunitiesOptions {
  /** Credit each won deal to its `'owner'` (default) or its `'account'`. */
  readonly creditTo?: BookingOwner
}

/**
 * The bookings of the won deals — what {@link quotaAttainment} counts — so that attainment
 * from CRM opportunities is one line: each won deal becomes `{ ownerId, at: closedAt,
 * amount, currency }`, credited to its owner or (for account plans) its account.
 *
 * ```text
 * bookings = [ { ownerId: o.ownerId | o.accountId, at: o.closedAt, amount: o.amount,
 *                currency: o.currency } : o.status = 'won' ]   (in input order)
 * ```
 * Open and lost deals are checked and skipped. Amounts are checked here (so an error points
 * at the deal) and passed on as given, exactly.
 *
 * @param opportunities - Deals; won ones need `closedAt`, an amount and the owner field.
 * @param options - `creditTo`: `'owner'` (default) or `'account'`.
 * @returns One booking per won deal, in input order.
 * @throws MetricInputError `MISSING_VALUE` (`[i, 'ownerId']` / `[i, 'accountId']`,
 *   `[i, 'closedAt']`, `[i, 'amount']`), `INVALID_DATE`, `END_BEFORE_START`,
 *   `NEGATIVE_VALUE` / `NOT_FINITE` (`[i, 'amount']`), `VALUE_OUT_OF_RANGE` (status),
 *   `INVALID_OPTION` (`['creditTo']`).
 * @example
 * ```ts
 * const deal = { createdAt: new Date('2026-01-05T00:00:00Z'), stageHistory: [] }
 * bookingsFromOpportunities([
 *   { ...deal, id: 'a', status: 'won', amount: 5000, ownerId: 'ana', accountId: 'acme', closedAt: new Date('2026-02-01T10:00:00Z') },
 *   { ...deal, id: 'b', status: 'lost', amount: 900, ownerId: 'ana', closedAt: new Date('2026-02-03T10:00:00Z') },
 * ], { creditTo: 'account' }) // => [{ ownerId: 'acme', at: new Date('2026-02-01T10:00:00Z'), amount: 5000 }]
 * ```
 * @see quotaAttainment.
 * @category Quota
 */
export function bookingsFromOpportunities(
  opportunities: readonly Opportunity[],
  options?: BookingsFromOpportunitiesOptions,
): Booking[] {
  const metric = 'bookingsFromOpportunities'
  return guardInput(metric, () => {
    const creditTo = requireOneOf(
      readOptions(options, metric).creditTo ?? 'owner',
      BOOKING_OWNERS,
      metric,
      'creditTo',
    )
    const field = creditTo === 'owner' ? 'ownerId' : 'accountId'
    requireList(opportunities, metric, [], 'opportunities', true)
    const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
    const scratch = createMoneySum()
    const bookings: Booking[] = []
    for (let index = 0; index < opportunities.length; index++) {
      const opportunity = opportunities[index] as Opportunity
      if (requireStatus(opportunity, index, metric) !== 'won') continue
      const closed = requireClosedAt(opportunity, index, metric)
      const owner = opportunity[field]
      if (typeof owner !== 'string' || owner === '') {
        throw new MetricInputError({
          code: 'MISSING_VALUE',
          metric,
          path: [index, field],
          message: `${metric}: ${field} at index ${index} is ${describeValue(owner)}; a won deal must name whom it is credited to`,
        })
      }
      const amount = opportunity.amount
      if (amount === undefined) {
        throw new MetricInputError({
          code: 'MISSING_VALUE',
          metric,
          path: [index, 'amount'],
          message: `${metric}: amount at index ${index} is missing; a won deal needs its amount to be booked`,
        })
      }
      checkAmount(scratch, amount, 1, context, index)
      const currency = requireCurrency(opportunity, index, metric)
      bookings.push(
        currency === undefined
          ? { ownerId: owner, at: new Date(closed), amount }
          : { ownerId: owner, at: new Date(closed), amount, currency },
      )
    }
    return bookings
  })
}
