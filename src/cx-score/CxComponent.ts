/**
 * Whether a bigger value is better (NPS, CSAT, retention) or worse (churn, effort in CES 1.0, days to quote).
 *
 * @category CX score
 */
export const CX_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const
/**
 * One of {@link CX_DIRECTIONS}.
 *
 * @category CX score
 */
export type CxDirection = (typeof CX_DIRECTIONS)[number]

/**
 * One input of the composite customer-experience score, with its own scale.
 *
 * @category CX score
 */
export interface CxComponent {
  /** Label, unique within a score: `'NPS'`, `'CSAT'`, `'Gross revenue retention'`. */
  readonly name: string
  /** The metric's value on its own scale; `null` when missing. */
  readonly value: number | null
  /** The scale of `value`: `[-100, 100]` for NPS, `[0, 1]` for rates. */
  readonly range: readonly [min: number, max: number]
  /** Relative importance, > 0. */
  readonly weight: number
  /** Default `'higher-is-better'`. */
  readonly direction?: CxDirection
  /** Standard error of `value` on its own scale, if known (NPS, CSAT, retention all can). */
  readonly standardError?: number | null
}
