import type { Decimal } from 'decimal.js'
import {
  type CurrencyConversionOptions,
  conversionFactor,
  readCurrencyOptions,
  resultCurrency,
} from '../core/currencyConversion.js'
import type { GroupKey, GroupMetricRow } from '../core/groupMetric.js'
import {
  finiteMoney,
  guardInput,
  readOptions,
  requireList,
  requireRatesOption,
} from '../core/inputGuards.js'
import { MetricInputError } from '../core/MetricInputError.js'
import {
  addMoneyTimes,
  createMoneySum,
  type MoneyContext,
  moneySumValue,
} from '../core/moneySum.js'
import { requireInstant } from '../core/validate.js'
import { requireCurrency, requireStatus } from '../records/fieldChecks.js'
import type { Opportunity } from '../records/Opportunity.js'
import { type RecordPeriodOptions, recordCells, wantsFill } from './recordCells.js'

/**
 * Options of {@link pipelineCreated}.
 *
 * @category Pipeline
 */
export interface PipelineCreatedOptions extends CurrencyConversionOptions {
  /** Calendar periods of `createdAt` (or of `date`); required. */
  readonly period: RecordPeriodOptions<Opportunity>
  /** The group of a deal, e.g. `(deal) => deal.source ?? null` or `(deal) => deal.ownerId ?? null`. */
  readonly by?: (opportunity: Opportunity, index: number) => GroupKey | undefined
}

/**
 * The pipeline created in one group and period.
 *
 * @category Pipeline
 */
export interface PipelineCreatedResult {
  /** Opportunities created, whatever their status now. */
  readonly count: number
  /** Exact total amount of those with an amount (converted with `rates`). */
  readonly amount: Decimal
  /** Of `count`, the opportunities without an amount (CRMs leave early deals blank). */
  readonly withoutAmount: number
  /** The currency of `amount` (the base with `rates`); `null` when no deal named one. */
  readonly currency: string | null
}

/**
 * A row of {@link pipelineCreated}, in `groupMetric`'s shape (`n` = opportunities created).
 *
 * @category Pipeline
 */
export type PipelineCreatedRow = GroupMetricRow<PipelineCreatedResult>

const METRIC = 'pipelineCreated'

/**
 * New pipeline created per period: the count and total amount of opportunities created in
 * each calendar period (by `createdAt` in `timeZone`), per source, owner or any group —
 * the "pipeline generation" KPI (Salesforce "Pipeline created", HubSpot "Deals created"
 * reports). Every opportunity counts in the period it was created, whatever happened to it
 * since; won, lost and open alike.
 *
 * ```text
 * count(g, p)  = #{ deals with by = g and createdAt ∈ p }
 * amount(g, p) = Σ amount over those deals with an amount (exact decimals)
 * ```
 * Deals without an amount are counted in `count` and `withoutAmount` and add nothing to
 * `amount`: the amount is then a lower bound, so show `withoutAmount` beside it.
 *
 * @param opportunities - Deals, each with a valid `createdAt`.
 * @param options - `period` (required: `{ unit, timeZone, date = createdAt, fiscalYearStartMonth,
 *   weekStartsOn, fill }`), `by`, `rates` / `baseCurrency`.
 * @returns Rows `{ group, period, result, n }`, groups in order of first appearance, then periods.
 * @throws MetricInputError `INVALID_OPTION` (period missing or bad, by, rates, options),
 *   `INVALID_DATE` (`[i, 'createdAt']`), `VALUE_OUT_OF_RANGE` (status; not an array),
 *   `NEGATIVE_VALUE` / `NOT_FINITE` (amount), `CURRENCY_MISMATCH`, `MISSING_FX_RATE`,
 *   `INVALID_RECORD`.
 * @example
 * ```ts
 * const created = (day: string, source: string, amount?: number) => ({ id: day + source,
 *   createdAt: new Date(day), status: 'open' as const, stageHistory: [], source,
 *   ...(amount === undefined ? {} : { amount }) }) as Opportunity
 * const rows = pipelineCreated(
 *   [created('2026-01-05', 'inbound', 1000), created('2026-01-20', 'inbound'), created('2026-02-03', 'partner', 500)],
 *   { period: { unit: 'month' }, by: (deal) => deal.source ?? null },
 * )
 * rows.map((row) => [row.group, row.period?.label, row.result.count, row.result.amount.toNumber()])
 * // => [['inbound', '2026-01', 2, 1000], ['partner', '2026-02', 1, 500]]
 * ```
 * @see HubSpot Knowledge Base, "Create deal reports" (deals created by create date);
 *   Salesforce Trailhead, "Pipeline generation" (opportunities created per period).
 * @category Pipeline
 */
export function pipelineCreated(
  opportunities: readonly Opportunity[],
  options: PipelineCreatedOptions,
): PipelineCreatedRow[] {
  return guardInput(METRIC, () => computePipelineCreated(opportunities, options))
}

function computePipelineCreated(
  list: readonly Opportunity[],
  given: PipelineCreatedOptions,
): PipelineCreatedRow[] {
  const opportunities = requireList(list, METRIC, 'opportunities')
  const options = readOptions(given, METRIC)
  if (options.period === undefined) {
    throw new MetricInputError({
      code: 'INVALID_OPTION',
      metric: METRIC,
      path: ['period'],
      message: `${METRIC}: option period is missing; give the calendar periods, e.g. { unit: 'month', timeZone: 'UTC' }`,
    })
  }
  const converter = readCurrencyOptions(requireRatesOption(options, METRIC), METRIC)
  const context: MoneyContext = { metric: METRIC, allowNegative: false, field: 'amount' }
  const factors: (number | Decimal)[] = new Array(opportunities.length)
  const positions: number[] = new Array(opportunities.length)
  const check = createMoneySum()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    requireStatus(opportunity, index, METRIC)
    requireInstant(
      opportunity.createdAt,
      METRIC,
      [index, 'createdAt'],
      `createdAt at index ${index}`,
    )
    const amount = (opportunity as { readonly amount?: Opportunity['amount'] }).amount
    if (amount !== undefined) {
      const factor = conversionFactor(converter, requireCurrency(opportunity, index, METRIC), index)
      addMoneyTimes(check, amount, factor, context, index)
      factors[index] = factor
    }
    positions[index] = index
  }
  finiteMoney(moneySumValue(check), METRIC, 'the amount created')
  const currency = resultCurrency(converter)
  const cells = recordCells(
    opportunities,
    positions,
    METRIC,
    options.by,
    options.period,
    (opportunity) => opportunity.createdAt,
    false,
  )
  const keepEmpty = wantsFill(options.period)
  const rows: PipelineCreatedRow[] = []
  for (let cell = 0; cell < cells.length; cell++) {
    const { group, period, members } = cells[cell] as (typeof cells)[number]
    if (members.length === 0 && !keepEmpty) continue
    const sum = createMoneySum()
    let withoutAmount = 0
    for (let member = 0; member < members.length; member++) {
      const index = members[member] as number
      const factor = factors[index]
      if (factor === undefined) {
        withoutAmount++
        continue
      }
      addMoneyTimes(sum, (opportunities[index] as Opportunity).amount, factor, context, index)
    }
    rows.push({
      group,
      period,
      result: {
        count: members.length,
        amount: finiteMoney(moneySumValue(sum), METRIC, 'the amount created'),
        withoutAmount,
        currency,
      },
      n: members.length,
    })
  }
  return rows
}
