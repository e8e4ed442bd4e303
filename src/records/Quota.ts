import type { CalendarDate } from '../core/CalendarDate.js'
import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * A sales target: what one owner (a rep, or a team id) should book between two calendar
 * dates, both inclusive — bookings or new recurring revenue, as the sales plan defines it.
 *
 * @category Records
 */
export interface Quota {
  /** The rep or team the target belongs to (matches `Opportunity.ownerId`). */
  readonly ownerId: string
  /** First day of the period, a calendar date (`'2026-01-01'` or a `Date` read in `timeZone`). */
  readonly periodStart: CalendarDate
  /** Last day of the period, inclusive (`'2026-03-31'` for Q1). */
  readonly periodEnd: CalendarDate
  /** The target, ≥ 0. */
  readonly amount: MoneyInput
  /** ISO 4217 code of `amount`. */
  readonly currency?: string
}
