import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * Recurring revenue of one period split by movement — what the revenue retention and MRR
 * churn functions take. All amounts are positive magnitudes (contraction 300, not −300).
 * `revenueMovements()` returns exactly this shape, so its result can be passed straight in.
 * @category Retention
 */
export interface RevenueMovementTotals {
  /** Recurring revenue (MRR/ARR) of the customers at the start of the period. */
  readonly startingRevenue: MoneyInput
  /** Increases from customers who were paying at the start (upsell, seats, price). */
  readonly expansion: MoneyInput
  /** Decreases from customers who still pay something at the end. */
  readonly contraction: MoneyInput
  /** Revenue of customers who stopped paying. */
  readonly churn: MoneyInput
  /** Revenue of returning customers who had paid before and not at the start; default 0. */
  readonly reactivation?: MoneyInput
}
