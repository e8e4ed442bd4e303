import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * One account's recurring revenue (MRR or ARR) in one snapshot, e.g. one row of a monthly
 * billing export. Several rows for one account in a snapshot (several subscriptions) are
 * added together.
 * @category Records
 */
export interface AccountRevenue {
  readonly accountId: string
  /** Recurring revenue, ≥ 0. */
  readonly amount: MoneyInput
  /** ISO 4217 code; all amounts of one call must share it. */
  readonly currency?: string
}
