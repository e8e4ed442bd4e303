import type { BusinessCalendar } from '../core/BusinessCalendar.js'
import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireInstant } from '../core/validate.js'
import type { Lead } from '../records/Lead.js'
import type { Quote } from '../records/Quote.js'
import { type DurationUnit, durationMeasure } from './durationUnits.js'
import { readFailure, requireList, requireRecord } from './timeInputs.js'

/**
 * Options of {@link leadToQuoteTimes}.
 *
 * @category Time
 */
export interface LeadToQuoteTimesOptions {
  /** "Now": quotes after it are not known yet; open leads are measured up to it. */
  readonly asOf: Date
  /** Needed for the business units. */
  readonly calendar?: BusinessCalendar
  /** `'hours'` (default), `'days'`, `'business-hours'` or `'business-days'`. */
  readonly unit?: DurationUnit
}

/**
 * One lead's time to its first quote.
 *
 * @category Time
 */
export interface LeadToQuoteTime {
  readonly leadId: string
  /** The first quote at or after the lead (and not after `asOf`); `null` if none yet. */
  readonly quoteId: string | null
  readonly quotedAt: Date | null
  /** Time to that quote, or — for an open lead — the time elapsed until `asOf`. */
  readonly duration: number
  readonly unit: DurationUnit
  /** `true` for a lead not quoted by `asOf`: its duration is a lower bound. */
  readonly censored: boolean
}

/**
 * Time from discovering a lead until its first quote, per lead — the sales-team KPI "how
 * fast does a lead get a quote" — in calendar or business time. Leads not quoted yet are
 * kept, marked `censored`, with the time they have waited so far: never dropped, never
 * counted as zero.
 *
 * ```text
 * first quote q(l) = min { quote.createdAt : quote.leadId = l.id, l.createdAt ≤ createdAt ≤ asOf }
 * duration = measure(l.createdAt, q(l))          censored: measure(l.createdAt, asOf)
 * ```
 * Quotes for unknown leads are ignored; business units count working time only (see
 * `businessHoursBetween`; business days sum, per working day, the share of it elapsed).
 *
 * @param leads - Leads with unique ids, created by `asOf`.
 * @param quotes - Quotes with their `leadId`.
 * @param options - `asOf` (required), `calendar`, `unit` (`'hours'`).
 * @returns One row per lead, in the order of `leads`.
 * @throws MetricInputError `DUPLICATE_ID` (path `['leads', i, 'id']`), `INVALID_DATE`,
 *   `VALUE_OUT_OF_RANGE` (a lead created after `asOf`; a business-unit span longer than
 *   365,250 days, path `['leads', i]`), `INVALID_OPTION` (unit, calendar),
 *   `VALUE_OUT_OF_RANGE` (`leads` or `quotes` not an array), `INVALID_RECORD` (a row that is not an object, an id that is
 *   not a string, or an input whose getter throws).
 * @example
 * ```ts
 * const rows = leadToQuoteTimes(
 *   [{ id: 'L1', createdAt: new Date('2026-03-02T09:00:00Z') }, { id: 'L2', createdAt: new Date('2026-03-02T10:00:00Z') }],
 *   [{ id: 'Q1', leadId: 'L1', createdAt: new Date('2026-03-03T15:00:00Z') }],
 *   { asOf: new Date('2026-03-04T10:00:00Z') },
 * )
 * rows.map((row) => [row.leadId, row.duration, row.censored]) // => [['L1', 30, false], ['L2', 48, true]]
 * ```
 * @see docs/metric-definitions.md §5 (durations, censoring); Plain first-response time.
 * @category Time
 */
export function leadToQuoteTimes(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  options: LeadToQuoteTimesOptions,
): LeadToQuoteTime[] {
  const metric = 'leadToQuoteTimes'
  try {
    return computeLeadToQuoteTimes(leads, quotes, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

/** Throws `INVALID_OPTION` (path `['asOf']`) unless `options` is an object (it holds asOf). */
export function requireTimesOptions(options: unknown, metric: string): void {
  if (typeof options === 'object' && options !== null) return
  throw new MetricInputError({
    code: 'INVALID_OPTION',
    metric,
    path: ['asOf'],
    message: `${metric}: options is ${describeValue(options)}; it must be an object with asOf`,
  })
}

/**
 * {@link leadToQuoteTimes} on behalf of `metric`, the exported function the user called
 * (errors name it). Internal.
 */
export function computeLeadToQuoteTimes(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  options: LeadToQuoteTimesOptions,
  metric: string,
): LeadToQuoteTime[] {
  requireList(leads, metric, ['leads'])
  requireList(quotes, metric, ['quotes'])
  requireTimesOptions(options, metric)
  const asOf = requireInstant(options.asOf, metric, ['asOf'], 'option asOf')
  const { unit, measure } = durationMeasure(options.unit, options.calendar, metric)
  const indexOf = new Map<string, number>()
  const created = new Float64Array(leads.length)
  for (let index = 0; index < leads.length; index++) {
    const lead = leads[index] as Lead
    requireRecord(lead, metric, ['leads', index])
    if (typeof lead.id !== 'string') {
      throw new MetricInputError({
        code: 'INVALID_RECORD',
        metric,
        path: ['leads', index, 'id'],
        message: `${metric}: lead id at leads[${index}] is ${describeValue(lead.id)}; it must be a string`,
      })
    }
    if (indexOf.has(lead.id)) {
      throw new MetricInputError({
        code: 'DUPLICATE_ID',
        metric,
        path: ['leads', index, 'id'],
        message: `${metric}: lead id ${describeValue(lead.id)} at leads[${index}] appears twice`,
      })
    }
    indexOf.set(lead.id, index)
    const time = requireInstant(
      lead.createdAt,
      metric,
      ['leads', index, 'createdAt'],
      `createdAt at leads[${index}]`,
    )
    if (time > asOf) {
      throw new MetricInputError({
        code: 'VALUE_OUT_OF_RANGE',
        metric,
        path: ['leads', index, 'createdAt'],
        message: `${metric}: lead ${describeValue(lead.id)} was created after asOf; it cannot be measured yet`,
      })
    }
    created[index] = time
  }
  const firstQuote = new Float64Array(leads.length).fill(Number.POSITIVE_INFINITY)
  const firstQuoteId: (string | null)[] = new Array(leads.length).fill(null)
  for (let index = 0; index < quotes.length; index++) {
    const quote = quotes[index] as Quote
    requireRecord(quote, metric, ['quotes', index])
    const lead = indexOf.get(quote.leadId)
    const time = requireInstant(
      quote.createdAt,
      metric,
      ['quotes', index, 'createdAt'],
      `createdAt at quotes[${index}]`,
    )
    if (lead === undefined || time < (created[lead] as number) || time > asOf) continue
    if (time < (firstQuote[lead] as number)) {
      if (typeof quote.id !== 'string') {
        throw new MetricInputError({
          code: 'INVALID_RECORD',
          metric,
          path: ['quotes', index, 'id'],
          message: `${metric}: quote id at quotes[${index}] is ${describeValue(quote.id)}; it must be a string`,
        })
      }
      firstQuote[lead] = time
      firstQuoteId[lead] = quote.id
    }
  }
  const rows: LeadToQuoteTime[] = new Array(leads.length)
  for (let index = 0; index < leads.length; index++) {
    const quotedAt = firstQuote[index] as number
    const censored = quotedAt === Number.POSITIVE_INFINITY
    rows[index] = {
      leadId: (leads[index] as Lead).id,
      quoteId: firstQuoteId[index] ?? null,
      quotedAt: censored ? null : new Date(quotedAt),
      duration: measure(created[index] as number, censored ? asOf : quotedAt, ['leads', index]),
      unit,
      censored,
    }
  }
  return rows
}
