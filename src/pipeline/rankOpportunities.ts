import type { Decimal } from 'decimal.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
} from '../core/currencyConversion.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MoneyDecimal } from '../core/MoneyInput.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { quantileOfSorted } from '../core/quantile.js'
import { requireInstant } from '../core/validate.js'
import {
  furthestStage,
  readStages,
  requireCurrency,
  requireRate,
  requireStatus,
} from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { collectStageSpells } from './stageSpells.js'

/**
 * Options of {@link rankOpportunities}.
 *
 * @category Pipeline
 */
export interface RankOpportunitiesOptions extends CurrencyConversionOptions {
  /** The instant days-in-stage are measured at. */
  readonly asOf: Date
  /** The pipeline's stages in order, for the historical win rate of deals without a probability. */
  readonly stages: readonly string[]
}

/**
 * Where a ranked deal's probability came from.
 *
 * @category Pipeline
 */
export type ProbabilitySource = 'record' | 'stage-history' | 'none'

/**
 * One open deal in the coaching list.
 *
 * @category Pipeline
 */
export interface RankedOpportunity {
  readonly rank: number
  readonly id: string
  /** Furthest listed stage reached, or `null`. */
  readonly stage: string | null
  readonly amount: Decimal
  readonly probability: number | null
  readonly probabilitySource: ProbabilitySource
  /** amount × probability; `null` when no probability is known. */
  readonly expectedValue: Decimal | null
  /** Days in the current stage at `asOf` (`null` without a history). */
  readonly daysInStage: number | null
  /** Median finished spell of that stage, for comparison. */
  readonly typicalDaysInStage: number | null
  readonly ownerId?: string
  /** One sentence a manager can read out: the numbers behind the rank. */
  readonly reason: string
}

/**
 * The coaching view of the pipeline: open deals ordered by expected value (amount × win
 * probability), each with the numbers behind its rank. The probability is the deal's own
 * when the CRM has one; otherwise the historical win rate of closed deals that reached the
 * same stage — never a guess without a source.
 *
 * ```text
 * expected value = amount × p
 * p = probability                                   (source 'record'), else
 *     #won / #closed among closed deals that reached the deal's stage   ('stage-history')
 * order: expected value descending; deals with no p last, by amount
 * ```
 *
 * @param opportunities - All deals (closed ones teach the stage win rates).
 * @param options - `asOf`, `stages` (required); `rates` / `baseCurrency`.
 * @returns The open deals, ranked from 1.
 * @throws MetricInputError `INVALID_OPTION` (stages), `INVALID_DATE`, `RATE_OUT_OF_RANGE`
 *   (probability), `NEGATIVE_VALUE` (amount), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `END_BEFORE_START`, `VALUE_OUT_OF_RANGE` (status; an amount too large for exact
 *   decimals), `VALUE_OUT_OF_RANGE` (not an array), `INVALID_RECORD` (a row that is not an object).
 * @example
 * ```ts
 * const at = new Date('2026-03-01')
 * const deal = (id: string, amount: number, status: 'open' | 'won' | 'lost', probability?: number) => ({
 *   id, createdAt: at, amount, status, ...(status === 'open' ? {} : { closedAt: at }),
 *   ...(probability === undefined ? {} : { probability }), stageHistory: [{ stage: 'Proposal', enteredAt: at }],
 * })
 * const ranked = rankOpportunities(
 *   [deal('a', 1000, 'open', 0.9), deal('b', 5000, 'open'), deal('w', 1, 'won'), deal('l', 1, 'lost')],
 *   { asOf: new Date('2026-03-11'), stages: ['Proposal'] },
 * )
 * ranked.map((r) => [r.id, r.expectedValue?.toString(), r.probabilitySource]) // => [['b', '2500', 'stage-history'], ['a', '900', 'record']]
 * ```
 * @see frappe/crm#798 (amount × probability forecasts); docs/metric-definitions.md §3.
 * @category Pipeline
 */
export function rankOpportunities(
  opportunities: readonly Opportunity[],
  options: RankOpportunitiesOptions,
): RankedOpportunity[] {
  return guardInput('rankOpportunities', () => rank(opportunities, options))
}

function rank(list: readonly Opportunity[], given: RankOpportunitiesOptions): RankedOpportunity[] {
  const metric = 'rankOpportunities'
  const opportunities = requireList(list, metric, 'opportunities')
  const options = readOptions(given, metric)
  const asOf = requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const stages = options.stages
  const stageIndex = readStages(stages, metric)
  const converter = readCurrencyOptions(requireRatesOption(options, metric), metric)
  const context: MoneyContext = { metric, allowNegative: false, field: 'amount' }
  const stageCount = stages.length
  // Closed deals whose furthest stage is k (capped at the last stage); a deal that reached
  // stage f counts for every stage ≤ f, so the per-stage totals are suffix sums.
  const wonFrom = new Float64Array(stageCount + 1)
  const closedFrom = new Float64Array(stageCount + 1)
  const furthestOf = new Int32Array(opportunities.length)
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    const status = requireStatus(opportunity, index, metric)
    const furthest = furthestStage(opportunity, index, stageIndex, metric)
    furthestOf[index] = furthest
    if (status === 'open' || furthest < 0) continue
    const reachedUpTo = Math.min(furthest, stageCount - 1)
    closedFrom[reachedUpTo] = (closedFrom[reachedUpTo] as number) + 1
    if (status === 'won') wonFrom[reachedUpTo] = (wonFrom[reachedUpTo] as number) + 1
  }
  for (let stage = stageCount - 2; stage >= 0; stage--) {
    closedFrom[stage] = (closedFrom[stage] as number) + (closedFrom[stage + 1] as number)
    wonFrom[stage] = (wonFrom[stage] as number) + (wonFrom[stage + 1] as number)
  }
  const { finished, current } = collectStageSpells(opportunities, asOf, metric)
  const typical = new Map<string, number | null>()
  for (const [stage, spells] of finished)
    typical.set(stage, quantileOfSorted(Float64Array.from(spells).sort(), 0.5, 'linear'))

  const ranked: Omit<RankedOpportunity, 'rank'>[] = []
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    if (opportunity.status !== 'open') continue
    const furthest = furthestOf[index] as number
    const stage = furthest >= 0 ? (stages[Math.min(furthest, stageCount - 1)] as string) : null
    const rate = conversionFactor(converter, requireCurrency(opportunity, index, metric), index)
    const amountSum = createMoneySum()
    addMoneyTimes(amountSum, opportunity.amount, rate, context, index)
    const amount = finiteMoney(moneySumValue(amountSum), metric, `amount at index ${index}`)
    let probability: number | null = null
    let probabilitySource: ProbabilitySource = 'none'
    let expectedValue: Decimal | null = null
    if (opportunity.probability !== undefined) {
      const place = [index, 'probability']
      probability = requireRate(
        opportunity.probability,
        metric,
        place,
        `probability at index ${index}`,
      )
      probabilitySource = 'record'
      expectedValue = amount.times(new MoneyDecimal(String(probability)))
    } else if (furthest >= 0 && (closedFrom[furthest] as number) > 0) {
      const won = wonFrom[furthest] as number
      const closedCount = closedFrom[furthest] as number
      probability = won / closedCount
      probabilitySource = 'stage-history'
      expectedValue = amount.times(won).div(closedCount) // the exact ratio, not the rounded float
    }
    const now = current.get(index)
    const daysInStage = now === undefined ? null : now.days
    const typicalDaysInStage = now === undefined ? null : (typical.get(now.stage) ?? null)
    ranked.push({
      id: opportunity.id,
      stage,
      amount,
      probability,
      probabilitySource,
      expectedValue,
      daysInStage,
      typicalDaysInStage,
      ...(opportunity.ownerId === undefined ? {} : { ownerId: opportunity.ownerId }),
      reason: reasonFor(
        amount,
        probability,
        probabilitySource,
        expectedValue,
        now?.stage ?? stage,
        daysInStage,
        typicalDaysInStage,
      ),
    })
  }
  ranked.sort((a, b) => {
    if (a.expectedValue !== null && b.expectedValue !== null)
      return b.expectedValue.cmp(a.expectedValue)
    if (a.expectedValue !== null) return -1
    if (b.expectedValue !== null) return 1
    return b.amount.cmp(a.amount)
  })
  return ranked.map((row, position) => ({ rank: position + 1, ...row }))
}

function reasonFor(
  amount: Decimal,
  probability: number | null,
  source: ProbabilitySource,
  expected: Decimal | null,
  stage: string | null,
  days: number | null,
  typical: number | null,
): string {
  const value =
    probability === null || expected === null
      ? `${money(amount)} with no win probability (no record value, no closed deals from its stage)`
      : `${money(amount)} × ${(100 * probability).toFixed(1)} % (${source === 'record' ? 'CRM probability' : `historical win rate from ${stage}`}) = ${money(expected)} expected`
  if (days === null) return `${value}.`
  const pace = typical === null ? '' : ` (typical ${typical.toFixed(1)})`
  return `${value}; ${days.toFixed(1)} days in ${stage}${pace}.`
}

/** Two decimals, or scientific notation for amounts of 10^21 and more (`1e+400` not 400 digits). */
function money(amount: Decimal): string {
  return amount.abs().lt(1e21) ? amount.toFixed(2) : amount.toExponential(6)
}
