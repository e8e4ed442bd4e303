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
  /** Deal value, ≥ 0. */
  readonly amount: MoneyInput
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
}
