import { quantileOfSorted } from '../core/quantile.js'
import { requireInstant } from '../core/validate.js'
import type { Opportunity } from './Opportunity.js'
import { requireRate } from './pipelineKernel.js'
import { collectStageSpells } from './stageSpells.js'

/** Options of {@link stalledOpportunities}. */
export interface StalledOpportunitiesOptions {
  /** The instant "now" is measured at (the library never reads the clock). */
  readonly asOf: Date
  /** A deal is stalled past this quantile of its stage's finished spells; default 0.9. */
  readonly quantile?: number
  /** Judge a stage only with at least this many finished spells; default 5. */
  readonly minimumSpells?: number
}

/** An open deal stuck in its stage longer than is usual there. */
export interface StalledOpportunity {
  readonly id: string
  readonly stage: string
  readonly daysInStage: number
  /** The stage's `quantile` of finished spells, in days. */
  readonly thresholdDays: number
  readonly ownerId?: string
}

/**
 * Stalled deals: open opportunities that have sat in their current stage longer than most
 * deals ever did — by default past the 90th percentile of that stage's finished spells.
 * The threshold comes from the pipeline's own history, per stage, so a slow legal review
 * is not flagged for taking longer than a first call.
 *
 * ```text
 * threshold(stage) = quantile_q(finished spells of stage)     (R type 7)
 * stalled = open ∧ (asOf − enteredAt of current stage) > threshold(stage)
 * ```
 *
 * @param opportunities - Deals with `stageHistory`.
 * @param options - `asOf` (required), `quantile` (0.9), `minimumSpells` (5).
 * @returns Stalled deals, most overdue (days / threshold) first.
 * @throws MetricInputError `INVALID_DATE` (asOf, history), `END_BEFORE_START`,
 *   `RATE_OUT_OF_RANGE` (quantile), `VALUE_OUT_OF_RANGE` (status).
 * @example
 * ```ts
 * const day = (d: number) => new Date(Date.UTC(2026, 0, d))
 * const won = (id: string, days: number) => ({ id, createdAt: day(1), amount: 1, status: 'won' as const,
 *   closedAt: day(1 + days), stageHistory: [{ stage: 'Legal', enteredAt: day(1) }] })
 * const stuck = { id: 'late', createdAt: day(1), amount: 1, status: 'open' as const, stageHistory: [{ stage: 'Legal', enteredAt: day(1) }] }
 * stalledOpportunities([won('a', 2), won('b', 3), won('c', 4), stuck], { asOf: day(20), minimumSpells: 3 })
 *   .map((deal) => deal.id) // => ['late']
 * ```
 * @see PipedreamHQ/pipedream#20659 (stalled deals); metric-definitions §3.
 */
export function stalledOpportunities(
  opportunities: readonly Opportunity[],
  options: StalledOpportunitiesOptions,
): StalledOpportunity[] {
  const metric = 'stalledOpportunities'
  const asOf = requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const q = requireRate(options.quantile ?? 0.9, metric, ['quantile'], 'option quantile')
  const minimum = options.minimumSpells ?? 5
  const { finished, current } = collectStageSpells(opportunities, asOf, metric)
  const thresholds = new Map<string, number>()
  for (const [stage, spells] of finished) {
    if (spells.length >= minimum)
      thresholds.set(stage, quantileOfSorted(Float64Array.from(spells).sort(), q, 'linear')!)
  }
  const stalled: StalledOpportunity[] = []
  for (const [index, { stage, days }] of current) {
    const threshold = thresholds.get(stage)
    if (threshold === undefined || days <= threshold) continue
    const { id, ownerId } = opportunities[index] as Opportunity
    stalled.push({
      id,
      stage,
      daysInStage: days,
      thresholdDays: threshold,
      ...(ownerId === undefined ? {} : { ownerId }),
    })
  }
  return stalled.sort(
    (a, b) =>
      b.daysInStage / Math.max(b.thresholdDays, 1e-9) -
      a.daysInStage / Math.max(a.thresholdDays, 1e-9),
  )
}
