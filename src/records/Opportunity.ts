import type { CalendarDate } from '../core/CalendarDate.js'
import type { MoneyInput } from '../core/MoneyInput.js'

/**
 * The stages an opportunity has entered, in time order.
 *
 * @category Records
 */
export interface StageEntry {
  readonly stage: string
  readonly enteredAt: Date
}

/**
 * One change of a tracked field, from CRM field history (Salesforce `OpportunityFieldHistory`
 * or `OpportunityHistory`, HubSpot property history): the value it took at `at`.
 *
 * @category Records
 */
export interface FieldChange<T> {
  readonly at: Date
  readonly value: T
}

/**
 * The statuses of an opportunity.
 *
 * @category Records
 */
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const
/**
 * One of {@link OPPORTUNITY_STATUSES}.
 *
 * @category Records
 */
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number]

/**
 * A sales opportunity (deal) as CRMs export it.
 *
 * @category Records
 */
export interface Opportunity {
  readonly id: string
  readonly createdAt: Date
  /**
   * Deal value, ≥ 0. Optional: CRMs leave early deals without one. Count-based functions do
   * not read it; a money function that must value a deal without one refuses it with
   * `MISSING_VALUE` (path `[index, 'amount']`).
   */
  readonly amount?: MoneyInput
  /** ISO 4217 code; mixing currencies in one call needs `rates` (else `CURRENCY_MISMATCH`). */
  readonly currency?: string
  readonly status: OpportunityStatus
  /** Required when won or lost. */
  readonly closedAt?: Date
  /** Stages entered, in time order. */
  readonly stageHistory: readonly StageEntry[]
  /** Chance of winning, 0..1 (open deals in `weightedPipeline` need it). */
  readonly probability?: number
  readonly ownerId?: string
  readonly segment?: string
  /** The customer account (a new deal of an existing customer is expansion / cross-sell). */
  readonly accountId?: string
  /** Where the deal came from: inbound, outbound, partner, event, … */
  readonly source?: string
  /** Planned close date of an open deal, a calendar date (Salesforce `CloseDate`). */
  readonly expectedCloseAt?: CalendarDate
  /** Every planned close date the deal had, oldest first (pushed close dates). */
  readonly closeDateHistory?: readonly FieldChange<CalendarDate>[]
  /** Every amount the deal had, oldest first. */
  readonly amountHistory?: readonly FieldChange<MoneyInput>[]
}
