import type { Lead } from '../records/Lead.js'
import { type LeadConversionRateResult, type LeadRateOptions, leadRate } from './leadRate.js'

/**
 * Lead conversion rate: the share of leads that became opportunities (have `convertedAt`),
 * optionally within a window of days from creation, with a Wilson interval — overall and
 * per source or owner and/or per calendar period of lead creation (rows in `groupMetric`'s
 * shape `{ group, period, result, n }`, computed with its engine).
 *
 * ```text
 * rate = #{converted (within window, by asOf)} / #{leads judged}
 * judged = all leads; with withinDays, leads created at least withinDays before asOf
 * ```
 * Leads younger than the window are left out (`tooRecent`), never counted as failures —
 * otherwise every recent month would look worse than it is.
 *
 * @param leads - Leads with `createdAt` and optional `convertedAt`.
 * @param options - `withinDays` (needs `asOf`), `asOf`, `groupBy` (`'source'` / `'owner'`),
 *   `period` (`{ unit, timeZone?, fiscalYearStartMonth?, weekStartsOn?, fill?, date? }`, the
 *   date defaulting to `createdAt`: the month of a lead's creation), `confidence`.
 * @returns `{ rate, successes, judged, tooRecent, lower, upper, confidence, rows }` (and the
 *   deprecated `interval`, `groups` = `rows`); `rate` is `null` when no lead is judged.
 *   `rows` (with `groupBy` or `period`): `{ group, period, result, n }` with the rate's fields
 *   also flat, by group name (`null` last), then period; `n` counts the row's leads.
 * @throws MetricInputError `INVALID_DATE`, `END_BEFORE_START` (converted before created),
 *   `INVALID_OPTION` (withinDays without asOf or not a number ≥ 0, groupBy, period,
 *   confidence, options), `INVALID_RECORD` (a lead that is not an object, a source or
 *   owner that is not a string), `VALUE_OUT_OF_RANGE` (more than 5,000 periods).
 * @example
 * ```ts
 * const day = (d: number) => new Date(Date.UTC(2026, 0, d))
 * const leads = [
 *   { id: '1', createdAt: day(1), convertedAt: day(5), source: 'inbound' },
 *   { id: '2', createdAt: day(2), convertedAt: day(30), source: 'inbound' },
 *   { id: '3', createdAt: day(3), source: 'event' },
 *   { id: '4', createdAt: day(28), source: 'event' },
 * ]
 * leadConversionRate(leads).rate // => 0.5
 * leadConversionRate(leads, { withinDays: 14, asOf: day(31) }).rate // => 0.3333333333333333 (lead 4 too recent)
 * leadConversionRate(leads, { groupBy: 'source', period: { unit: 'month' } }).rows.map((row) => [row.group, row.period?.label, row.rate])
 * // => [['event', '2026-01', 0], ['inbound', '2026-01', 1]]
 * ```
 * @see dbt MetricFlow `conversion` metrics (entity, window); Gartner "lead time".
 * @category Pipeline
 */
export function leadConversionRate(
  leads: readonly Lead[],
  options?: LeadRateOptions,
): LeadConversionRateResult {
  return leadRate(leads, 'convertedAt', 'leadConversionRate', options)
}
