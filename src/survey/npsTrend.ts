import {
  type CalendarPeriodOptions,
  periodGrid,
  periodIndex,
  readPeriodLayout,
} from '../core/calendarPeriods.js'
import { asMetricInputError, requireInstant } from '../core/validate.js'
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
 * One period's NPS.
 *
 * @category Survey
 */
export interface NpsTrendRow extends NpsGroupSummary {
  /** `'2026-03'`, `'2026-Q1'`, `'2026'`, `'FY2027-Q1'` or the week's first day `'2026-03-02'`. */
  readonly period: string
  /** First instant of the period in the time zone. */
  readonly start: Date
  /** First instant of the next period (exclusive end). */
  readonly end: Date
}

/**
 * The Net Promoter Score per calendar period — week, month, quarter or (fiscal) year in an
 * explicit IANA time zone — with an interval for each, so a dip can be told from noise.
 *
 * ```text
 * period k = [start_k, start_{k+1}) in timeZone;  NPS_k over the responses in it
 * ```
 * Periods are contiguous from the first response's to the last's: a period without
 * responses is a row with `score: null`, so charts keep their time axis. Months start at
 * local midnight of the 1st, so daylight-saving changes move no response; results never
 * depend on the host's time zone. Fiscal quarters and years (`fiscalYearStartMonth`) are
 * named by the calendar year in which the fiscal year ends.
 *
 * @param responses - Survey responses with a valid `respondedAt`.
 * @param options - `period` (`'month'`), `timeZone` (`'UTC'`), `fiscalYearStartMonth` (1),
 *   `weekStartsOn` (1 = Monday), `confidence` (0.95), `method` (`'adjusted-wald'`).
 * @returns One row per period in time order; `[]` for no responses.
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
 * rows.map((row) => [row.period, row.score]) // => [['2026-01', 0]]
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
    const times = new Float64Array(responses.length)
    let first = Number.POSITIVE_INFINITY
    let last = Number.NEGATIVE_INFINITY
    for (let index = 0; index < responses.length; index++) {
      const time = requireInstant(
        readResponse(responses, index, metric).respondedAt,
        metric,
        [index, 'respondedAt'],
        `respondedAt at index ${index}`,
      )
      times[index] = time
      if (time < first) first = time
      if (time > last) last = time
    }
    const grid = periodGrid(first, last, layout)
    const codes = new Int32Array(responses.length)
    for (let index = 0; index < responses.length; index++) {
      codes[index] = periodIndex(grid.starts, times[index] as number)
    }
    const sums = sumGroups(responses, codes, grid.labels.length, metric)
    return grid.labels.map((period, code) => ({
      period,
      start: new Date(grid.starts[code] as number),
      end: new Date(grid.starts[code + 1] as number),
      ...summariseGroup(sums, code, interval, metric, `period ${period}`),
    }))
  } catch (error) {
    throw asMetricInputError(error, 'npsTrend')
  }
}
