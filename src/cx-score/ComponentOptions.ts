/**
 * Options shared by the component helpers.
 *
 * @category CX score
 */
export interface ComponentOptions {
  /** Label; each helper has a default. */
  readonly name?: string
  /** Relative importance; default 1. */
  readonly weight?: number
  /** Standard error of the value on its own scale, overriding the one derived from the result. */
  readonly standardError?: number | null
}
