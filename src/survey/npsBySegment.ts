import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
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
 * Options of {@link npsBySegment}.
 *
 * @category Survey
 */
export type NpsBySegmentOptions = NpsGroupOptions

/**
 * One segment's NPS; `segment` is `null` for responses without one.
 *
 * @category Survey
 */
export interface NpsSegmentRow extends NpsGroupSummary {
  readonly segment: string | null
}

/**
 * Picks the segment of a response; `null` or `undefined` means "no segment".
 *
 * @category Survey
 */
export type SegmentKey = (response: SurveyResponse, index: number) => string | null | undefined

const bySegmentField: SegmentKey = (response) => response.segment

/**
 * The Net Promoter Score of each segment (plan, region, tier, owner…) with its confidence
 * interval, from one pass over the responses. Responses without a segment are reported in
 * a row of their own (`segment: null`), never dropped.
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
 * @returns One row per segment, ordered by segment name (code-unit order), the `null`
 *   segment last; `[]` for no responses.
 * @throws MetricInputError `SCORE_OUT_OF_RANGE` (path `[i, 'score']`), `NEGATIVE_VALUE` /
 *   `NOT_FINITE` / `VALUE_OUT_OF_RANGE` (path `[i, 'weight']`: weights are 0 or from 1e−100
 *   to 1e100), `EMPTY_WEIGHTS` (a segment whose weights are all 0), `INVALID_OPTION` (also
 *   `keyOf` that is not a function, path `['keyOf']`), `VALUE_OUT_OF_RANGE` (responses not a
 *   list, path `[]`; a response not an object, `[i]`; a segment key that is not a string,
 *   `null` or `undefined`, `[i, 'segment']`).
 * @example
 * ```ts
 * const rows = npsBySegment([
 *   { score: 10, respondedAt: new Date('2026-01-05'), segment: 'SMB' },
 *   { score: 3, respondedAt: new Date('2026-01-06'), segment: 'SMB' },
 *   { score: 9, respondedAt: new Date('2026-01-07'), segment: 'Enterprise' },
 * ])
 * rows.map((row) => [row.segment, row.score]) // => [['Enterprise', 100], ['SMB', 0]]
 * ```
 * @see npsInterval for the interval; L. Kish, Survey Sampling (1965) for n_eff.
 * @category Survey
 */
export function npsBySegment(
  responses: readonly SurveyResponse[],
  keyOf: SegmentKey = bySegmentField,
  options: NpsBySegmentOptions = {},
): NpsSegmentRow[] {
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
    const codeOf = new Map<string, number>()
    const names: (string | null)[] = []
    let missingCode = -1
    const codes = new Int32Array(responses.length)
    for (let index = 0; index < responses.length; index++) {
      const key = keyOf(readResponse(responses, index, metric), index)
      let code: number
      if (typeof key === 'string') {
        const known = codeOf.get(key)
        if (known === undefined) {
          code = names.length
          codeOf.set(key, code)
          names.push(key)
        } else {
          code = known
        }
      } else if (key === null || key === undefined) {
        if (missingCode < 0) {
          missingCode = names.length
          names.push(null)
        }
        code = missingCode
      } else {
        throw new MetricInputError({
          code: 'VALUE_OUT_OF_RANGE',
          metric,
          path: [index, 'segment'],
          message: `${metric}: the segment of the response at index ${index} is ${describeValue(key)}; a segment must be a string, null or undefined`,
        })
      }
      codes[index] = code
    }
    const sums = sumGroups(responses, codes, names.length, metric)
    const rows: NpsSegmentRow[] = names.map((segment, code) => ({
      segment,
      ...summariseGroup(
        sums,
        code,
        interval,
        metric,
        segment === null ? 'the responses without a segment' : `segment ${JSON.stringify(segment)}`,
      ),
    }))
    return rows.sort(compareSegments)
  } catch (error) {
    throw asMetricInputError(error, 'npsBySegment')
  }
}

function compareSegments(a: NpsSegmentRow, b: NpsSegmentRow): number {
  if (a.segment === b.segment) return 0
  if (a.segment === null) return 1
  if (b.segment === null) return -1
  return a.segment < b.segment ? -1 : 1
}
