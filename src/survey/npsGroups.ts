import { describeValue } from '../core/describeValue.js'
import { MetricInputError } from '../core/MetricInputError.js'
import { requireList } from '../core/validate.js'
import type { SurveyResponse } from '../records/SurveyResponse.js'
import type { NpsIntervalMethod, NpsTally } from './NpsTally.js'
import { type NpsResult, resultOfTally } from './netPromoterScore.js'
import { intervalOfTally } from './npsInterval.js'
import { isNpsScore, type readIntervalOptions, scoreOutOfRange } from './npsKernel.js'

/**
 * The grouped NPS kernel behind `npsBySegment` and `npsTrend`: one pass that validates
 * each response and adds it into flat per-group typed arrays, then one summary per group
 * with its interval. Internal.
 */

/**
 * Interval options shared by the grouped NPS functions.
 *
 * @category Survey
 */
export interface NpsGroupOptions {
  /** Confidence level of each group's interval; default 0.95. */
  readonly confidence?: number
  /** Interval method; default `'adjusted-wald'`. */
  readonly method?: NpsIntervalMethod
}

/**
 * The NPS of one group of responses. With survey weights, `promoters`, `passives`,
 * `detractors` and `total` are sums of weights and the interval uses the Kish effective
 * sample size (Σw)² / Σw².
 * @category Survey
 */
export interface NpsGroupSummary extends NpsResult {
  /** Number of responses (unweighted). */
  readonly responses: number
  /** n for unweighted data; (Σw)² / Σw² with weights. */
  readonly effectiveSampleSize: number
  /** Interval bounds and standard error on −100..100; `null` for an empty group. */
  readonly lower: number | null
  readonly upper: number | null
  readonly standardError: number | null
}

/**
 * Survey weights are 0 or from 1e−100 to 1e100, so that sums of weights and of their
 * squares over any list (≤ 2³² rows) stay finite and non-zero.
 */
const MIN_WEIGHT = 1e-100
const MAX_WEIGHT = 1e100

function weightOutOfRange(weight: unknown, index: number, metric: string): MetricInputError {
  const finite = typeof weight === 'number' && Number.isFinite(weight)
  return new MetricInputError({
    code: !finite ? 'NOT_FINITE' : weight < 0 ? 'NEGATIVE_VALUE' : 'VALUE_OUT_OF_RANGE',
    metric,
    path: [index, 'weight'],
    message: `${metric}: weight at index ${index} is ${describeValue(weight)}; a weight must be 0 or a number from 1e-100 to 1e100`,
  })
}

/**
 * Response `index` of a checked list; `VALUE_OUT_OF_RANGE` (path `[index]`) when it is not
 * an object. Internal.
 */
export function readResponse(
  responses: readonly SurveyResponse[],
  index: number,
  metric: string,
): SurveyResponse {
  const response = responses[index]
  if (typeof response !== 'object' || response === null) throw notAResponse(response, index, metric)
  return response
}

/** `VALUE_OUT_OF_RANGE` at `[index]` for a response that is not an object. Internal. */
export function notAResponse(response: unknown, index: number, metric: string): MetricInputError {
  return new MetricInputError({
    code: 'VALUE_OUT_OF_RANGE',
    metric,
    path: [index],
    message: `${metric}: response at index ${index} is ${describeValue(response)}; it must be an object { score, respondedAt }`,
  })
}

/** Checks that `responses` is a list, on behalf of `metric`. Internal. */
export function requireResponses(responses: readonly SurveyResponse[], metric: string): void {
  requireList(responses, metric, [], 'responses', true)
}

/** Per-group sums, indexed by group code. */
export interface NpsGroupSums {
  readonly promoters: Float64Array
  readonly passives: Float64Array
  readonly detractors: Float64Array
  readonly responses: Float64Array
  readonly weightSquares: Float64Array
  readonly weighted: boolean
}

/** Adds every response into its group `codes[i]` (0 ≤ code < groups). */
export function sumGroups(
  responses: readonly SurveyResponse[],
  codes: Int32Array,
  groups: number,
  metric: string,
): NpsGroupSums {
  const promoters = new Float64Array(groups)
  const passives = new Float64Array(groups)
  const detractors = new Float64Array(groups)
  const counts = new Float64Array(groups)
  const weightSquares = new Float64Array(groups)
  let weighted = false
  for (let index = 0; index < responses.length; index++) {
    const response = readResponse(responses, index, metric)
    const score = response.score
    if (!isNpsScore(score)) {
      throw scoreOutOfRange(metric, [index, 'score'], score, 0, 10)
    }
    let weight = 1
    if (response.weight !== undefined) {
      weighted = true
      weight = response.weight
      if (!(weight === 0 || (weight >= MIN_WEIGHT && weight <= MAX_WEIGHT))) {
        throw weightOutOfRange(weight, index, metric)
      }
      weight += 0
    }
    const code = codes[index] as number
    const byClass = score >= 9 ? promoters : score >= 7 ? passives : detractors
    byClass[code] = (byClass[code] as number) + weight
    counts[code] = (counts[code] as number) + 1
    weightSquares[code] = (weightSquares[code] as number) + weight * weight
  }
  return { promoters, passives, detractors, responses: counts, weightSquares, weighted }
}

/** The summary of group `code`; `name` only appears in the EMPTY_WEIGHTS message. */
export function summariseGroup(
  sums: NpsGroupSums,
  code: number,
  interval: ReturnType<typeof readIntervalOptions>,
  metric: string,
  name: string,
): NpsGroupSummary {
  const promoters = sums.promoters[code] as number
  const passives = sums.passives[code] as number
  const detractors = sums.detractors[code] as number
  const responses = sums.responses[code] as number
  const total = promoters + passives + detractors
  if (responses > 0 && total === 0) {
    throw new MetricInputError({
      code: 'EMPTY_WEIGHTS',
      metric,
      message: `${metric}: the ${responses} responses of ${name} all have weight 0; a group needs a positive total weight`,
    })
  }
  const tally: NpsTally = { promoters, passives, detractors, total }
  const effectiveSampleSize =
    sums.weighted && total > 0 ? (total * total) / (sums.weightSquares[code] as number) : responses
  const scale = total === 0 ? 1 : effectiveSampleSize / total
  const effectiveTally: NpsTally = {
    promoters: promoters * scale,
    passives: passives * scale,
    detractors: detractors * scale,
    total: effectiveSampleSize,
  }
  const { lower, upper, standardError } = intervalOfTally(
    effectiveTally,
    interval.z,
    interval.confidence,
    interval.method,
  )
  return {
    ...resultOfTally(tally),
    responses,
    effectiveSampleSize,
    lower,
    upper,
    standardError,
  }
}
