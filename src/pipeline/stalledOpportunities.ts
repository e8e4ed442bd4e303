import { guardInput, readOptions, requireList } from '../core/inputGuards.js'
import { requireInstant, requireIntegerOption } from '../core/validate.js'
import type { Opportunity } from '../records/Opportunity.js'
import { collectStageSpells } from './stageSpells.js'
import { requireStallQuantile, stageThresholds } from './stageThresholds.js'

/**
 * Options of {@link stalledOpportunities}.
 *
 * @category Pipeline
 */
export interface StalledOpportunitiesOptions {
  /** The instant "now" is measured at (the library never reads the clock). */
  readonly asOf: Date
  /** A deal is stalled past this quantile of its stage's finished spells; default 0.9. */
  readonly quantile?: number
  /** Judge a stage only with at least this many finished spells; default 5. */
  readonly minimumSpells?: number
}

/**
 * An open deal stuck in its stage longer than is usual there.
 *
 * @category Pipeline
 */
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
 *   `INVALID_OPTION` (quantile outside 0..1, minimumSpells not a whole number ≥ 0),
 *   `VALUE_OUT_OF_RANGE` (status), `INVALID_RECORD` / `MISSING_VALUE` (a row that is not
 *   an opportunity, a stageHistory that is not an array).
 * @example
 * ```ts
 * const day = (d: number) => new Date(Date.UTC(2026, 0, d))
 * const won = (id: string, days: number) => ({ id, createdAt: day(1), amount: 1, status: 'won' as const,
 *   closedAt: day(1 + days), stageHistory: [{ stage: 'Legal', enteredAt: day(1) }] })
 * const stuck = { id: 'late', createdAt: day(1), amount: 1, status: 'open' as const, stageHistory: [{ stage: 'Legal', enteredAt: day(1) }] }
 * stalledOpportunities([won('a', 2), won('b', 3), won('c', 4), stuck], { asOf: day(20), minimumSpells: 3 })
 *   .map((deal) => deal.id) // => ['late']
 * ```
 * @see PipedreamHQ/pipedream#20659 (stalled deals); docs/metric-definitions.md §3.
 * @category Pipeline
 */
export function stalledOpportunities(
  opportunities: readonly Opportunity[],
  options: StalledOpportunitiesOptions,
): StalledOpportunity[] {
  return guardInput('stalledOpportunities', () => findStalled(opportunities, options))
}

function findStalled(
  list: readonly Opportunity[],
  given: StalledOpportunitiesOptions,
): StalledOpportunity[] {
  const metric = 'stalledOpportunities'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const asOf = requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const q = requireStallQuantile(options.quantile ?? 0.9, metric, ['quantile'])
  const minimum = requireIntegerOption(
    options.minimumSpells ?? 5,
    0,
    Number.MAX_SAFE_INTEGER,
    metric,
    'minimumSpells',
  )
  const { finished, current } = collectStageSpells(opportunities, asOf, metric)
  const thresholds = stageThresholds(finished, q, minimum)
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
