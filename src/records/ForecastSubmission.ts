import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * The forecast categories of a sales forecast call, from most to least certain.
 *
 * @category Records
 */
export const FORECAST_CATEGORIES = ['commit', 'best-case', 'pipeline'] as const
/**
 * One of {@link FORECAST_CATEGORIES}.
 *
 * @category Records
 */
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number]

/**
 * One forecast call: what an owner expects to close in a period, in a category, submitted
 * at a moment. Owners usually resubmit during the period; the lead time decides which call
 * is judged.
 * @category Records
 */
export interface ForecastSubmission {
  readonly ownerId: string
  /** First day of the period (a calendar date: the UTC date of this Date, as schemas produce). */
  readonly periodStart: Date
  /** Last day of the period, inclusive (a calendar date likewise). */
  readonly periodEnd: Date
  readonly category: ForecastCategory
  readonly amount: MoneyInput
  /** ISO 4217 code of `amount`; a call without one conflicts with no currency. */
  readonly currency?: string
  readonly submittedAt: Date
}

/**
 * A closed-won booking: who closed how much, when.
 *
 * @category Records
 */
export interface ForecastActual {
  readonly ownerId: string
  readonly at: Date
  readonly amount: MoneyInput
  /** ISO 4217 code of `amount`; a booking without one conflicts with no currency. */
  readonly currency?: string
}
