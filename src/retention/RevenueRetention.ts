import type { CalendarDate } from '../core/CalendarDate.js'
import type { GroupKey, GroupMetricRow } from '../core/groupMetric.js'
import type { AccountRevenue } from '../records/AccountRevenue.js'
import type { RevenueMovementsSummary } from './revenueMovements.js'

/**
 * One account's recurring revenue in one monthly snapshot: an `AccountRevenue` row with the
 * month it describes — the rows `stripeMrr` returns and a billing export holds (one row per
 * paying account per month; several rows of one account in one month are added).
 *
 * @category Retention
 */
export interface AccountRevenueSnapshot extends AccountRevenue {
  /**
   * The month of the snapshot: `'YYYY-MM'`, a calendar date `'YYYY-MM-DD'` (its month), or
   * a `Date` read in the `timeZone` option.
   */
  readonly month: CalendarDate
}

/**
 * Options shared by {@link revenueRetentionSeries} and {@link revenueRetentionOverWindow}.
 *
 * @typeParam R - The snapshot row type.
 * @category Retention
 */
export interface RevenueRetentionOptions<
  R extends AccountRevenueSnapshot = AccountRevenueSnapshot,
> {
  /**
   * The group of a row (segment, region, owner); an account moved between groups counts in
   * the group it had at the start of the period (at the end when it did not pay at the
   * start). Without it, one group `null`.
   */
  readonly by?: (row: R, index: number) => GroupKey | undefined
  /** IANA zone in which `Date` months are read and period bounds given; default `'UTC'`. */
  readonly timeZone?: string
}

/**
 * Revenue retention of one group over one period (a month, or a window of months): the
 * exact movements (as `revenueMovements` gives them, ready for `grossRevenueRetention` and
 * friends), their currency, and every retention rate of the period.
 *
 * @category Retention
 */
export interface RevenueRetention extends RevenueMovementsSummary {
  /** The currency of the amounts, or `null` when no row named one. */
  readonly currency: string | null
  /** (S − contraction − churn) / S; `null` when S = 0. */
  readonly grossRevenueRetention: number | null
  /** (S + expansion + reactivation − contraction − churn) / S; `null` when S = 0. */
  readonly netRevenueRetention: number | null
  /** (churn + contraction) / S; `null` when S = 0. */
  readonly grossMrrChurnRate: number | null
  /** (churn + contraction − expansion − reactivation) / S; `null` when S = 0. */
  readonly netMrrChurnRate: number | null
  /** Logo retention (E − N) / S over paying accounts, N = new + reactivated; `null` when S = 0. */
  readonly customerRetentionRate: number | null
  /** Churned accounts / S; `null` when S = 0. */
  readonly customerChurnRate: number | null
}

/**
 * A row of {@link revenueRetentionSeries} and {@link revenueRetentionOverWindow}: the
 * `groupMetric` row shape, `n` = accounts that paid at the start or the end of the period.
 *
 * @category Retention
 */
export type RevenueRetentionRow = GroupMetricRow<RevenueRetention>
