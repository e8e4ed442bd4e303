import { requireNonNegativeOption } from '../core/inputGuards.js'
import { QUANTILE_METHODS, type QuantileMethod, quantileOfSorted } from '../core/quantile.js'
import { readAliasedOption, requireOneOf } from '../core/validate.js'
import type { Lead } from '../records/Lead.js'
import type { Quote } from '../records/Quote.js'
import type { DurationUnit } from './durationUnits.js'
import {
  computeLeadToQuoteTimes,
  type LeadToQuoteTimesOptions,
  requireTimesOptions,
} from './leadToQuoteTimes.js'
import { slaAttainment } from './slaAttainment.js'
import { readFailure } from './timeInputs.js'

/**
 * Options of {@link leadToQuoteSummary}.
 *
 * @category Time
 */
export interface LeadToQuoteSummaryOptions extends LeadToQuoteTimesOptions {
  /** SLA target in `unit`; adds `slaAttainment` to the result. */
  readonly target?: number
  /** Quantile definition (estimator method) for the median and p90; default `'linear'` (R type 7). */
  readonly method?: QuantileMethod
  /**
   * The SPEC name of `method`, still accepted; both given and different is `INVALID_OPTION`.
   *
   * @deprecated Use `method`.
   */
  readonly quantileMethod?: QuantileMethod
}

/**
 * The result of {@link leadToQuoteSummary}.
 *
 * @category Time
 */
export interface LeadToQuoteSummaryResult {
  /** All leads. */
  readonly leads: number
  /** Leads quoted by `asOf`. */
  readonly quoted: number
  /** Leads still waiting (censored). */
  readonly open: number
  /** Statistics of the quoted leads' times; `null` when none is quoted. */
  readonly median: number | null
  readonly p90: number | null
  readonly mean: number | null
  readonly unit: DurationUnit
  /** With `target`: `slaAttainment` counting open leads already past the target as breaches. */
  readonly slaAttainment?: number | null
}

/**
 * The 0.1 name of {@link LeadToQuoteSummaryResult}.
 *
 * @deprecated Use `LeadToQuoteSummaryResult`.
 * @category Time
 */
export type LeadToQuoteSummary = LeadToQuoteSummaryResult

/**
 * The lead-to-quote report: how many leads were quoted, the median, 90th percentile and
 * mean time to quote, and — with a target — SLA attainment in which leads still waiting
 * past the target count as breaches.
 *
 * ```text
 * median, p90, mean over quoted leads (the survival view, timeToQuoteSurvival, handles the
 * censored ones);  SLA = #{quoted ≤ target} / (#quoted + #{open > target})
 * ```
 * The median of quoted leads alone understates the wait while many leads are open; read it
 * next to `open`, or use `timeToQuoteSurvival`.
 *
 * @param leads - Leads with unique ids.
 * @param quotes - Quotes with their `leadId`.
 * @param options - `asOf`, `calendar`, `unit`, `target`, `method` (`'linear'`;
 *   `quantileMethod` is its SPEC alias).
 * @returns `{ leads, quoted, open, median, p90, mean, unit, slaAttainment? }`.
 * @throws MetricInputError as `leadToQuoteTimes` (naming `leadToQuoteSummary`);
 *   `INVALID_OPTION` (a target that is not a finite number ≥ 0, an unknown method,
 *   `method` and `quantileMethod` both given and different).
 * @example
 * ```ts
 * const at = (iso: string) => new Date(iso)
 * const summary = leadToQuoteSummary(
 *   [{ id: 'a', createdAt: at('2026-03-02T00:00:00Z') }, { id: 'b', createdAt: at('2026-03-02T00:00:00Z') }, { id: 'c', createdAt: at('2026-03-02T00:00:00Z') }],
 *   [{ id: 'q1', leadId: 'a', createdAt: at('2026-03-02T10:00:00Z') }, { id: 'q2', leadId: 'b', createdAt: at('2026-03-03T06:00:00Z') }],
 *   { asOf: at('2026-03-04T00:00:00Z'), target: 24 },
 * )
 * [summary.quoted, summary.open, summary.median, summary.slaAttainment] // => [2, 1, 20, 0.3333333333333333]
 * ```
 * @see docs/metric-definitions.md §5.3–5.4.
 * @category Time
 */
export function leadToQuoteSummary(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  options: LeadToQuoteSummaryOptions,
): LeadToQuoteSummaryResult {
  const metric = 'leadToQuoteSummary'
  try {
    return summarise(leads, quotes, options, metric)
  } catch (error) {
    throw readFailure(error, metric)
  }
}

function summarise(
  leads: readonly Lead[],
  quotes: readonly Quote[],
  options: LeadToQuoteSummaryOptions,
  metric: string,
): LeadToQuoteSummaryResult {
  requireTimesOptions(options, metric)
  const method = requireOneOf(
    readAliasedOption<QuantileMethod>(options, 'method', 'quantileMethod', metric) ?? 'linear',
    QUANTILE_METHODS,
    metric,
    options.method === undefined && options.quantileMethod !== undefined
      ? 'quantileMethod'
      : 'method',
  )
  const target =
    options.target === undefined
      ? undefined
      : requireNonNegativeOption(options.target, metric, 'target')
  const rows = computeLeadToQuoteTimes(leads, quotes, options, metric)
  const quotedTimes: number[] = []
  const openTimes: number[] = []
  for (const row of rows) (row.censored ? openTimes : quotedTimes).push(row.duration)
  const sorted = Float64Array.from(quotedTimes).sort()
  let total = 0
  for (const value of sorted) total += value
  const unit = rows[0]?.unit ?? options.unit ?? 'hours'
  return {
    leads: rows.length,
    quoted: sorted.length,
    open: openTimes.length,
    median: quantileOfSorted(sorted, 0.5, method),
    p90: quantileOfSorted(sorted, 0.9, method),
    mean: sorted.length === 0 ? null : total / sorted.length,
    unit,
    ...(target === undefined
      ? {}
      : { slaAttainment: slaAttainment(sorted, target, { openDurations: openTimes }) }),
  }
}
