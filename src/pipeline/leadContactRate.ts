import type { Lead } from '../records/Lead.js'
import { type LeadContactRateResult, type LeadRateOptions, leadRate } from './leadRate.js'

/**
 * Lead contact rate: the share of leads sales has contacted (have `contactedAt`),
 * optionally within a window of days — "did every inbound lead get a call within a day?" —
 * with a Wilson interval, overall and per source or owner and/or per calendar period of
 * lead creation (rows in `groupMetric`'s shape `{ group, period, result, n }`).
 *
 * ```text
 * rate = #{contacted (within window, by asOf)} / #{leads judged}
 * ```
 * Same judging rules as `leadConversionRate`: leads younger than the window are left out.
 *
 * @param leads - Leads with `createdAt` and optional `contactedAt`.
 * @param options - `withinDays` (needs `asOf`), `asOf`, `groupBy`, `period` (as in
 *   `leadConversionRate`), `confidence`.
 * @returns `{ rate, successes, judged, tooRecent, lower, upper, confidence, rows }` (and the
 *   deprecated `interval`, `groups` = `rows`), as `leadConversionRate`.
 * @throws MetricInputError `INVALID_DATE`, `END_BEFORE_START`, `INVALID_OPTION` (withinDays,
 *   groupBy, period, confidence, options), `INVALID_RECORD` (a lead that is not an object, a
 *   source or owner that is not a string), `VALUE_OUT_OF_RANGE` (more than 5,000 periods).
 * @example
 * ```ts
 * const day = (d: number) => new Date(Date.UTC(2026, 0, d))
 * const leads = [
 *   { id: '1', createdAt: day(1), contactedAt: day(1) },
 *   { id: '2', createdAt: day(1), contactedAt: day(4) },
 * ]
 * leadContactRate(leads, { withinDays: 1, asOf: day(10) }).rate // => 0.5
 * ```
 * @see docs/metric-definitions.md §5.1 (first-response time).
 * @category Pipeline
 */
export function leadContactRate(
  leads: readonly Lead[],
  options?: LeadRateOptions,
): LeadContactRateResult {
  return leadRate(leads, 'contactedAt', 'leadContactRate', options)
}
