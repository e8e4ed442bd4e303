import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * One sign of life of a customer: a login, an order, an invoice — with its revenue if any.
 *
 * @category Records
 */
export interface CustomerActivity {
  readonly customerId: string
  /** When it happened (an instant; periods are taken in an explicit time zone). */
  readonly at: Date
  /** Revenue of this activity (≥ 0); required for revenue-based cohorts. */
  readonly revenue?: MoneyInput
  /** ISO 4217 code of `revenue`; an activity without one conflicts with no currency. */
  readonly currency?: string
}
