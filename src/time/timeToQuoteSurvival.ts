import { requireConfidence } from '../core/validate.js'
import type { Lead } from '../records/Lead.js'
import type { Quote } from '../records/Quote.js'
import {
  type KaplanMeierOptions,
  type KaplanMeierResult,
  kaplanMeier,
  readSurvivalMethod,
} from '../survival/kaplanMeier.js'
import {
  computeLeadToQuoteTimes,
  type LeadToQuoteTime,
  type LeadToQuoteTimesOptions,
} from './leadToQuoteTimes.js'
import { readFailure } from './timeInputs.js'

/**
 * Options of {@link timeToQuoteSurvival}: measuring and the curve's interval.
 *
 * @category Time
 */
export interface TimeToQuoteSurvivalOptions extends LeadToQuoteTimesOptions, KaplanMeierOptions {}

/**
 * The time-to-quote curve: the Kaplan–Meier estimate of the share of leads still without a
 * quote after t hours (or business hours, days). Unlike a median of quoted leads it counts
 * the leads still waiting correctly — as censored at the time they have waited so far — so
 * its median is the honest "half of our leads get a quote within …".
 *
 * ```text
 * durations, events = leadToQuoteTimes(…): event = quoted, censored = still open at asOf
 * curve = kaplanMeier({ durations, events }); 1 − S(t) = share quoted by t
 * ```
 *
 * @param leads - Leads with unique ids.
 * @param quotes - Quotes with their `leadId`.
 * @param options - As `leadToQuoteTimes` (`asOf`, `calendar`, `unit`) and `kaplanMeier`
 *   (`confidence`, `method`; `interval` is its SPEC alias).
 * @returns The `kaplanMeier` result; its `median` is the median time to quote.
 * @throws MetricInputError as `leadToQuoteTimes`, naming `timeToQuoteSurvival`;
 *   `INVALID_OPTION` (confidence, method / interval).
 * @example
 * ```ts
 * const at = (iso: string) => new Date(iso)
 * const curve = timeToQuoteSurvival(
 *   [{ id: 'a', createdAt: at('2026-03-02T00:00:00Z') }, { id: 'b', createdAt: at('2026-03-02T00:00:00Z') }],
 *   [{ id: 'q', leadId: 'a', createdAt: at('2026-03-02T06:00:00Z') }],
 *   { asOf: at('2026-03-03T00:00:00Z') },
 * )
 * curve.steps.map((step) => [step.time, step.survival]) // => [[6, 0.5]]
 * ```
 * @see kaplanMeier; docs/metric-definitions.md §5.4 (censoring).
 * @category Time
 */
export function timeToQuoteSurvival(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  options: TimeToQuoteSurvivalOptions,
): KaplanMeierResult {
  const metric = 'timeToQuoteSurvival'
  let rows: LeadToQuoteTime[]
  try {
    rows = computeLeadToQuoteTimes(leads, quotes, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
  if (options.confidence !== undefined) requireConfidence(options.confidence, metric)
  const method = readSurvivalMethod(options, metric)
  return kaplanMeier(
    { durations: rows.map((row) => row.duration), events: rows.map((row) => !row.censored) },
    {
      ...(options.confidence === undefined ? {} : { confidence: options.confidence }),
      method,
    },
  )
}
