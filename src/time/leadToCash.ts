import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { quantileOfSorted } from '../core/quantile.js'
import { requireInstant } from '../core/validate.js'
import type { Lead } from '../records/Lead.js'
import type { Opportunity } from '../records/Opportunity.js'
import type { Quote } from '../records/Quote.js'
import { type DurationUnit, durationMeasure } from './durationUnits.js'
import { readFailure, requireList, requireOptions, requireRecord } from './timeInputs.js'

/**
 * The steps from lead to cash, in order.
 *
 * @category Time
 */
export const LEAD_TO_CASH_STEPS = [
  'lead → contact',
  'contact → quote',
  'quote → won',
  'lead → won',
] as const

/**
 * Options of {@link leadToCash}.
 *
 * @category Time
 */
export interface LeadToCashOptions {
  readonly unit?: DurationUnit
  readonly calendar?: BusinessCalendar
}

/**
 * One step's timings over the leads that completed it.
 *
 * @category Time
 */
export interface LeadToCashStep {
  readonly step: (typeof LEAD_TO_CASH_STEPS)[number]
  /** Leads that completed the step (both ends known, in time order). */
  readonly count: number
  readonly median: number | null
  readonly p90: number | null
  readonly mean: number | null
  readonly unit: DurationUnit
}

/**
 * Lead-to-cash timings: how long each step from a new lead to a won deal takes — first
 * contact, first quote, close — so the slowest hand-off is visible. Each step uses the
 * leads that completed it; a step whose end precedes its start (a data error, such as a
 * quote dated before the first contact) is not timed.
 *
 * ```text
 * lead → contact  = contactedAt − createdAt
 * contact → quote = first quote − contactedAt
 * quote → won     = closedAt of the lead's won opportunity − first quote
 * lead → won      = closedAt − createdAt
 * ```
 *
 * @param leads - Leads (`opportunityId` links a converted lead to its deal).
 * @param quotes - Quotes with their `leadId`.
 * @param opportunities - Deals; won ones close the chain.
 * @param options - `unit` (`'hours'`), `calendar` for business units.
 * @returns One row per step in order, statistics `null` for a step nobody completed.
 * @throws MetricInputError `INVALID_DATE`, `MISSING_VALUE` (a won opportunity without
 *   `closedAt`, path `['opportunities', i, 'closedAt']`, as `winRate`), `INVALID_OPTION`
 *   (unit, calendar), `INVALID_RECORD` (a row that is not an object), `VALUE_OUT_OF_RANGE`
 *   (an argument that is not an array; a business-unit span longer than 365,250 days).
 * @example
 * ```ts
 * const at = (iso: string) => new Date(iso)
 * const steps = leadToCash(
 *   [{ id: 'L', createdAt: at('2026-03-02T00:00:00Z'), contactedAt: at('2026-03-02T04:00:00Z'), opportunityId: 'O' }],
 *   [{ id: 'Q', leadId: 'L', createdAt: at('2026-03-03T04:00:00Z') }],
 *   [{ id: 'O', createdAt: at('2026-03-03T04:00:00Z'), closedAt: at('2026-03-05T04:00:00Z'), amount: 1, status: 'won', stageHistory: [] }],
 *   { unit: 'days' },
 * )
 * steps.map((step) => [step.step, step.median]) // => [['lead → contact', 0.16666666666666666], ['contact → quote', 1], ['quote → won', 2], ['lead → won', 3.1666666666666665]]
 * ```
 * @see Gartner "lead time"; docs/metric-definitions.md §5.1.
 * @category Time
 */
export function leadToCash(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  opportunities: readonly Opportunity[],
  options: LeadToCashOptions = {},
): LeadToCashStep[] {
  const metric = 'leadToCash'
  try {
    return timeSteps(leads, quotes, opportunities, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

function timeSteps(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  opportunities: readonly Opportunity[],
  options: LeadToCashOptions,
  metric: string,
): LeadToCashStep[] {
  requireList(leads, metric, ['leads'])
  requireList(quotes, metric, ['quotes'])
  requireList(opportunities, metric, ['opportunities'])
  requireOptions(options, metric)
  const { unit, measure } = durationMeasure(options.unit, options.calendar, metric)
  const firstQuote = new Map<string, number>()
  for (let index = 0; index < quotes.length; index++) {
    const quote = quotes[index] as Quote
    requireRecord(quote, metric, ['quotes', index])
    const time = requireInstant(
      quote.createdAt,
      metric,
      ['quotes', index, 'createdAt'],
      `createdAt at quotes[${index}]`,
    )
    const known = firstQuote.get(quote.leadId)
    if (known === undefined || time < known) firstQuote.set(quote.leadId, time)
  }
  const wonAt = new Map<string, number>()
  for (let index = 0; index < opportunities.length; index++) {
    const opportunity = opportunities[index] as Opportunity
    requireRecord(opportunity, metric, ['opportunities', index])
    if (opportunity.status !== 'won') continue
    if (opportunity.closedAt === undefined || opportunity.closedAt === null) {
      throw new MetricInputError({
        code: 'MISSING_VALUE',
        metric,
        path: ['opportunities', index, 'closedAt'],
        message: `${metric}: won opportunity at opportunities[${index}] has no closedAt; a won deal needs its close date`,
      })
    }
    wonAt.set(
      opportunity.id,
      requireInstant(
        opportunity.closedAt,
        metric,
        ['opportunities', index, 'closedAt'],
        `closedAt at opportunities[${index}]`,
      ),
    )
  }
  const samples: number[][] = LEAD_TO_CASH_STEPS.map(() => [])
  const add = (step: number, start: number | undefined, end: number | undefined, index: number) => {
    if (start !== undefined && end !== undefined && end >= start)
      samples[step]!.push(measure(start, end, ['leads', index]))
  }
  for (let index = 0; index < leads.length; index++) {
    const lead = leads[index] as Lead
    requireRecord(lead, metric, ['leads', index])
    const created = requireInstant(
      lead.createdAt,
      metric,
      ['leads', index, 'createdAt'],
      `createdAt at leads[${index}]`,
    )
    const contacted =
      lead.contactedAt === undefined
        ? undefined
        : requireInstant(
            lead.contactedAt,
            metric,
            ['leads', index, 'contactedAt'],
            `contactedAt at leads[${index}]`,
          )
    const quoted = firstQuote.get(lead.id)
    const won = lead.opportunityId === undefined ? undefined : wonAt.get(lead.opportunityId)
    add(0, created, contacted, index)
    add(1, contacted, quoted, index)
    add(2, quoted, won, index)
    add(3, created, won, index)
  }
  return LEAD_TO_CASH_STEPS.map((step, position) => {
    const sorted = Float64Array.from(samples[position]!).sort()
    let total = 0
    for (const value of sorted) total += value
    return {
      step,
      count: sorted.length,
      median: quantileOfSorted(sorted, 0.5, 'linear'),
      p90: quantileOfSorted(sorted, 0.9, 'linear'),
      mean: sorted.length === 0 ? null : total / sorted.length,
      unit,
    }
  })
}
