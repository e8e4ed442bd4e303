import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * One closed-won booking credited to an owner: a rep, a team, or — for account-plan
 * attainment — an account. {@link bookingsFromOpportunities} makes them from won deals.
 *
 * @category Quota
 */
export interface Booking {
  /** Whom it is credited to: matches `Quota.ownerId` (or a member of a team quota). */
  readonly ownerId: string
  /** When it was booked (a won deal's `closedAt`); its date in `timeZone` picks the quota. */
  readonly at: Date
  /** The booked amount, ≥ 0. */
  readonly amount: MoneyInput
  /** ISO 4217 code of `amount`. */
  readonly currency?: string
}
