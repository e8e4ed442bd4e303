/**
 * Every code a {@link MetricInputError} can carry. Callers branch on these, never on the
 * message text.
 * @category Core
 */
export const METRIC_INPUT_ERROR_CODES = [
  'SCORE_OUT_OF_RANGE',
  'VALUE_OUT_OF_RANGE',
  'RATE_OUT_OF_RANGE',
  'NEGATIVE_VALUE',
  'NOT_FINITE',
  'LENGTH_MISMATCH',
  'INVALID_DATE',
  'END_BEFORE_START',
  'INVALID_OPTION',
  'MISSING_VALUE',
  'CURRENCY_MISMATCH',
  'MISSING_FX_RATE',
  'SUCCESSES_EXCEED_TRIALS',
  'INCONSISTENT_TOTAL',
  'DUPLICATE_ID',
  'EMPTY_WEIGHTS',
  'INVALID_RECORD',
  'INVALID_STATE',
] as const

/**
 * A stable, machine-readable reason for refusing an input.
 *
 * @category Core
 */
export type MetricInputErrorCode = (typeof METRIC_INPUT_ERROR_CODES)[number]

/**
 * Where in the input the problem sits: `[17]`, `[17, 'closedAt']`, `['actual', 17]`.
 *
 * @category Core
 */
export type MetricInputPath = readonly (string | number)[]

/**
 * The fields of a {@link MetricInputError}.
 *
 * @category Core
 */
export interface MetricInputErrorDetails {
  readonly code: MetricInputErrorCode
  /** The exported function that refused the input, e.g. `'netPromoterScore'`. */
  readonly metric: string
  /** One plain sentence naming the function, the place and the value. */
  readonly message: string
  /** Where the problem is; absent when there is no single place. */
  readonly path?: MetricInputPath
  /** The error that led to this one (a caller's getter or Proxy that threw), if any. */
  readonly cause?: unknown
}

/**
 * Thrown when a typed value breaks a function's contract: a score outside its scale, a
 * negative count, series of different lengths, an invalid date or option.
 *
 * Legitimately undefined results (no data, a zero denominator) are returned as `null`
 * instead; this error always means the input itself is wrong.
 *
 * @example
 * ```ts
 * try {
 *   netPromoterScore([10, 11])
 * } catch (error) {
 *   if (error instanceof MetricInputError) {
 *     error.code // => 'SCORE_OUT_OF_RANGE'
 *     error.path // => [1]
 *   }
 * }
 * ```
 * @category Core
 */
export class MetricInputError extends Error {
  override readonly name = 'MetricInputError' as const
  readonly code: MetricInputErrorCode
  readonly metric: string
  declare readonly path?: MetricInputPath

  constructor(details: MetricInputErrorDetails) {
    // Error reads `cause` from its options only when the key is present, as in `details`.
    super(details.message, details)
    this.code = details.code
    this.metric = details.metric
    if (details.path !== undefined) this.path = Object.freeze([...details.path])
  }
}
