import { describeValue } from '../core/describeValue.js'
import { type GroupMetricRow, groupRecords } from '../core/groupMetric.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { asMetricInputError } from '../core/validate.js'
import type { SurveyResponse } from '../records/SurveyResponse.js'
import {
  type NpsGroupOptions,
  type NpsGroupSummary,
  notAResponse,
  readResponse,
  requireResponses,
  sumGroups,
  summariseGroup,
} from './npsGroups.js'
import { readIntervalOptions } from './npsKernel.js'

/**
 * Options of {@link npsBySegment}.
 *
 * @category Survey
 */
export type NpsBySegmentOptions = NpsGroupOptions

/**
 * One segment's NPS, in the row shape of `groupMetric` (`{ group, period, result, n }`),
 * with the summary's fields also flat on the row.
 *
 * @category Survey
 */
export interface NpsBySegmentRow extends GroupMetricRow<NpsGroupSummary, string>, NpsGroupSummary {
  /** The segment; `null` for responses without one. */
  readonly group: string | null
  /** Always `null`: {@link npsBySegment} has no periods (use {@link npsTrend} or `groupMetric`). */
  readonly period: null
  /**
   * The segment, as `group`.
   *
   * @deprecated Read `group`; `segment` is kept through 0.x.
   */
  readonly segment: string | null
}

/**
 * The row of {@link npsBySegment} under its 0.1 name.
 *
 * @deprecated Use {@link NpsBySegmentRow}.
 * @category Survey
 */
export type NpsSegmentRow = NpsBySegmentRow

/**
 * Picks the segment of a response; `null` or `undefined` means "no segment".
 *
 * @category Survey
 */
export type SegmentKey = (response: SurveyResponse, index: number) => string | null | undefined

const bySegmentField: SegmentKey = (response) => response.segment

/** `response.segment`, or `VALUE_OUT_OF_RANGE` at `[index]` for a response that is not an object. */
function segmentField(response: SurveyResponse, index: number): string | null | undefined {
  if (typeof response === 'object' && response !== null) return response.segment
  throw notAResponse(response, index, 'npsBySegment')
}

/**
 * The Net Promoter Score of each segment (plan, region, tier, owner…) with its confidence
 * interval, from one pass over the responses, in `groupMetric`'s row shape
 * `{ group, period: null, result, n }` (the engine `groupMetric` uses, plus survey weights
 * and intervals). Responses without a segment are a row of their own (`group: null`),
 * never dropped.
 *
 * ```text
 * per segment s:  NPS_s = 100 · (P_s − D_s) / n_s      interval as npsInterval
 * weighted:       P_s = Σ w over promoters of s, …;  n_eff = (Σw)² / Σw²  (Kish)
 * ```
 * Segment scores do not average to the overall score; sum the tallies instead. If any
 * response carries a `weight`, every segment is weighted (missing weights count as 1).
 *
 * @param responses - Survey responses.
 * @param keyOf - The segment of a response; default `response.segment`.
 * @param options - `confidence` (0.95), `method` (`'adjusted-wald'`).
 * @returns One row per segment `{ group, period: null, result, n }` (`n` responses; the
 *   `result` fields — score, counts, shares, interval — also flat on the row, and `segment`
 *   as a deprecated alias of `group`), ordered by segment name (code-unit order), the
 *   `null` group last; `[]` for no responses.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (path `[i, 'score']`), `NEGATIVE_VALUE` /
 *   `NOT_FINITE` / `VALUE_OUT_OF_RANGE` (path `[i, 'weight']`: weights are 0 or from 1e−100
 *   to 1e100), `EMPTY_WEIGHTS` (a segment whose weights are all 0), `INVALID_OPTION` (also
 *   `keyOf` that is not a function, path `['keyOf']`), `VALUE_OUT_OF_RANGE` (responses not a
 *   list, path `[]`; a response not an object, `[i]`; a segment key that is not a string,
 *   `null` or `undefined`, `[i, 'segment']`); `INVALID_RECORD` when `keyOf` throws
 *   (`[i, 'segment']`, the error as `cause`).
 * @example
 * ```ts
 * const rows = npsBySegment([
 *   { score: 10, respondedAt: new Date('2026-01-05'), segment: 'SMB' },
 *   { score: 3, respondedAt: new Date('2026-01-06'), segment: 'SMB' },
 *   { score: 9, respondedAt: new Date('2026-01-07'), segment: 'Enterprise' },
 * ])
 * rows.map((row) => [row.group, row.result.score, row.n]) // => [['Enterprise', 100, 1], ['SMB', 0, 2]]
 * ```
 * @see npsInterval for the interval; L. Kish, Survey Sampling (1965) for n_eff.
 * @category Survey
 */
export function npsBySegment(
  responses: readonly SurveyResponse[],
  keyOf: SegmentKey = bySegmentField,
  options: NpsBySegmentOptions = {},
): NpsBySegmentRow[] {
  try {
    const metric = 'npsBySegment'
    requireResponses(responses, metric)
    if (typeof keyOf !== 'function') {
      throw new MetricInputError({
        code: 'INVALID_OPTION',
        metric,
        path: ['keyOf'],
        message: `${metric}: keyOf is ${describeValue(keyOf)}; it must be a function (response, index) => segment, or be left out`,
      })
    }
    const interval = readIntervalOptions(options, metric)
    if (responses.length === 0) return []
    const cells = groupRecords(responses, {
      metric,
      // The default key reads the field directly (no closure per call, one call per record).
      by:
        keyOf === bySegmentField
          ? segmentField
          : (response, index) =>
              keyOf(
                typeof response === 'object' && response !== null
                  ? response
                  : readResponse(responses, index, metric),
                index,
              ),
      keyField: 'segment',
      numericKeys: false,
      badKey: (key, index) =>
        new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: [index, 'segment'],
          message: `${metric}: the segment of the response at index ${index} is ${describeValue(key)}; a segment must be a string, null or undefined`,
        }),
    })
    const sums = sumGroups(responses, cells.cellOf, cells.keys.length, metric)
    const rows: NpsBySegmentRow[] = cells.keys.map((segment, code) => {
      const summary = summariseGroup(
        sums,
        code,
        interval,
        metric,
        segment === null ? 'the responses without a segment' : `segment ${JSON.stringify(segment)}`,
      )
      return {
        group: segment,
        period: null,
        result: summary,
        n: summary.responses,
        ...summary,
        segment,
      }
    })
    return rows.sort(compareSegments)
  } catch (error) {
    throw asMetricInputError(error, 'npsBySegment')
  }
}

function compareSegments(a: NpsBySegmentRow, b: NpsBySegmentRow): number {
  if (a.group === b.group) return 0
  if (a.group === null) return 1
  if (b.group === null) return -1
  return a.group < b.group ? -1 : 1
}
