/**
 * Counts of Net Promoter responses by class. Counts may be fractional when they are sums
 * of survey weights. `total` is optional on input (it is the sum of the three classes) and
 * always present on output.
 * @category Survey
 */
export interface NpsTally {
  /** Responses of 9 or 10. */
  readonly promoters: number
  /** Responses of 7 or 8. */
  readonly passives: number
  /** Responses of 0 to 6. */
  readonly detractors: number
  /** promoters + passives + detractors. */
  readonly total: number
}

/**
 * A tally as callers may pass it: `total` may be left out.
 *
 * @category Survey
 */
export type NpsTallyInput = Omit<NpsTally, 'total'> & { readonly total?: number }

/**
 * Raw 0–10 scores or a tally — what the NPS functions accept.
 *
 * @category Survey
 */
export type NpsInput = ArrayLike<number> | NpsTallyInput

/**
 * The response classes, from worst to best.
 *
 * @category Survey
 */
export const NPS_CLASSES = ['detractor', 'passive', 'promoter'] as const
/**
 * One of {@link NPS_CLASSES}.
 *
 * @category Survey
 */
export type NpsClass = (typeof NPS_CLASSES)[number]

/**
 * The methods of NPS confidence intervals.
 *
 * @category Survey
 */
export const NPS_INTERVAL_METHODS = ['adjusted-wald', 'wald'] as const
/**
 * One of {@link NPS_INTERVAL_METHODS}.
 *
 * @category Survey
 */
export type NpsIntervalMethod = (typeof NPS_INTERVAL_METHODS)[number]
