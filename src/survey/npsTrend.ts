import { type CalendarPeriodOptions, readPeriodLayout } from '../core/calendarPeriods.js'
import {
  checkedPeriod,
  type GroupMetricPeriod,
  type GroupMetricRow,
  groupRecords,
  periodOfCell,
} from '../core/groupMetric.js'
import { asMetricInputError } from '../core/validate.js'
import type { SurveyResponse } from '../records/SurveyResponse.js'
import {
  type NpsGroupOptions,
  type NpsGroupSummary,
  readResponse,
  requireResponses,
  sumGroups,
  summariseGroup,
} from './npsGroups.js'
import { readIntervalOptions } from './npsKernel.js'

/**
 * Options of {@link npsTrend}: the calendar layout and the interval.
 *
 * @category Survey
 */
export interface NpsTrendOptions extends CalendarPeriodOptions, NpsGroupOptions {}

/**
 * One period's NPS, in the row shape of `groupMetric` (`{ group, period, result, n }`),
 * with the summary's fields also flat on the row.
 *
 * @category Survey
 */
export interface NpsTrendRow extends GroupMetricRow<NpsGroupSummary, never>, NpsGroupSummary {
  /** Always `null`: one series over all responses. */
  readonly group: null
  /**
   * The period: `start`, `end` (exclusive) and `label` — `'2026-03'`, `'2026-Q1'`, `'2026'`,
   * `'FY2027-Q1'`, the ISO 8601 week `'2026-W09'` (weeks starting on Monday) or the week's
   * first day `'2026-03-01'` (other weeks).
   */
  readonly period: GroupMetricPeriod
  /**
   * First instant of the period in the time zone.
   *
   * @deprecated Read `period.start`; kept through 0.x.
   */
  readonly start: Date
  /**
   * First instant of the next period (exclusive end).
   *
   * @deprecated Read `period.end`; kept through 0.x.
   */
  readonly end: Date
}

/**
 * The Net Promoter Score per calendar period — week, month, quarter or (fiscal) year in an
 * explicit IANA time zone — with an interval for each, so a dip can be told from noise;
 * rows in `groupMetric`'s shape `{ group: null, period: { start, end, label }, result, n }`
 * (the engine `groupMetric` uses with `fill: true`, plus survey weights and intervals).
 *
 * ```text
 * period k = [start_k, start_{k+1}) in timeZone;  NPS_k over the responses in it
 * ```
 * Periods are contiguous from the first response's to the last's: a period without
 * responses is a row with `score: null` and `n: 0`, so charts keep their time axis. Weeks
 * starting on Monday (the default) are labelled as ISO 8601 weeks `'2026-W09'` with their
 * week-numbering year; other weeks by their first day. Months start at
 * local midnight of the 1st, so daylight-saving changes move no response; results never
 * depend on the host's time zone. Fiscal quarters and years (`fiscalYearStartMonth`) are
 * named by the calendar year in which the fiscal year ends.
 *
 * @param responses - Survey responses with a valid `respondedAt`.
 * @param options - `period` (`'month'`), `timeZone` (`'UTC'`), `fiscalYearStartMonth` (1),
 *   `weekStartsOn` (1 = Monday), `confidence` (0.95), `method` (`'adjusted-wald'`).
 * @returns One row per period in time order (`n` responses; the `result` fields — score,
 *   counts, shares, interval — also flat on the row, and `start`/`end` as deprecated aliases
 *   of `period.start`/`period.end`); `[]` for no responses.
 * @throws MetricInputError `INVALID_DATE` (path `[i, 'respondedAt']`), `SCORE_OUT_OF_RANGE`,
 *   `NEGATIVE_VALUE`, `NOT_FINITE`, `EMPTY_WEIGHTS`, `INVALID_OPTION`; `VALUE_OUT_OF_RANGE`
 *   for responses spanning more than 5,000 periods (96 years of weeks, 416 of months), for a
 *   period that would begin or end outside the `Date` range, for a weight outside 0 or
 *   1e−100..1e100, and for `responses` that is not a list of objects.
 * @example
 * ```ts
 * const rows = npsTrend(
 *   [
 *     { score: 10, respondedAt: new Date('2026-01-31T12:00:00Z') },
 *     { score: 0, respondedAt: new Date('2026-02-01T03:00:00Z') }, // 31 January, 22:00 in New York
 *   ],
 *   { timeZone: 'America/New_York' },
 * )
 * rows.map((row) => [row.period.label, row.result.score, row.n]) // => [['2026-01', 0, 2]]
 * ```
 * @see npsInterval; date-fns `@date-fns/tz` for zone-correct calendar boundaries.
 * @category Survey
 */
export function npsTrend(
  responses: readonly SurveyResponse[],
  options: NpsTrendOptions = {},
): NpsTrendRow[] {
  try {
    const metric = 'npsTrend'
    requireResponses(responses, metric)
    const interval = readIntervalOptions(options, metric)
    const layout = readPeriodLayout(options, metric)
    if (responses.length === 0) return []
    const cells = groupRecords(responses, {
      metric,
      period: checkedPeriod(
        (_: SurveyResponse, index: number) => readResponse(responses, index, metric).respondedAt,
        layout,
        true,
      ),
      dateField: 'respondedAt',
    })
    const sums = sumGroups(responses, cells.cellOf, cells.periodCount, metric)
    const rows: NpsTrendRow[] = []
    for (let code = 0; code < cells.periodCount; code++) {
      const period = periodOfCell(cells, code) as GroupMetricPeriod
      const summary = summariseGroup(sums, code, interval, metric, `period ${period.label}`)
      rows.push({
        group: null,
        period,
        result: summary,
        n: summary.responses,
        ...summary,
        start: period.start,
        end: period.end,
      })
    }
    return rows
  } catch (error) {
    throw asMetricInputError(error, 'npsTrend')
  }
}
