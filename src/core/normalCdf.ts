import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'

const TWO_OVER_SQRT_PI = 1.1283791670955126
const ONE_OVER_SQRT_PI = 0.5641895835477563
const SERIES_LIMIT = 2.5
const CONTINUED_FRACTION_TERMS = 120

/**
 * The cumulative distribution function of the standard normal distribution, Φ(x) — the
 * probability that a standard normal variable is at most `x` (R `pnorm`, Excel
 * `NORM.S.DIST(x, TRUE)`).
 *
 * ```text
 * Φ(x) = ½ · erfc(−x / √2)
 * erf(z)  = 2/√π · e^(−z²) · Σₙ (2z²)ⁿ · z / (1·3·…·(2n+1))     for z < 2.5
 * erfc(z) = e^(−z²)/√π · 1/(z + ½/(z + 1/(z + (3/2)/(z + …))))   for z ≥ 2.5
 * ```
 * Both expansions have positive terms only, so the lower tail keeps its relative accuracy
 * far out (Φ(−10) ≈ 7.6e−24); the absolute error is below 1e−15 everywhere.
 *
 * @param x - Any number; ±Infinity give 0 and 1.
 * @returns Φ(x) in [0, 1].
 * @throws MetricInputError `NOT_FINITE` when `x` is `NaN`.
 * @example
 * ```ts
 * normalCdf(1.959963984540054) // => 0.975 (to 15 digits)
 * ```
 * @see Abramowitz & Stegun 7.1.6 (series) and 7.1.14 (continued fraction); R `pnorm`.
 * @category Core
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x) || typeof x !== 'number') {
    throw new MetricInputError({
      code: 'NOT_FINITE',
      metric: 'normalCdf',
      path: ['x'],
      message: `normalCdf: x is ${describeValue(x)}; it must be a number`,
    })
  }
  return standardNormalCdf(x)
}

/** Φ(x) for a number that is not NaN, unchecked. Internal. */
export function standardNormalCdf(x: number): number {
  if (x === Number.POSITIVE_INFINITY) return 1
  if (x === Number.NEGATIVE_INFINITY) return 0
  const z = Math.abs(x) / Math.SQRT2
  const upperTail = 0.5 * complementaryErrorFunction(z)
  return x < 0 ? upperTail : 1 - upperTail
}

/** erfc(z) for z ≥ 0. Internal. */
function complementaryErrorFunction(z: number): number {
  const gaussian = Math.exp(-z * z)
  if (z < SERIES_LIMIT) {
    const twiceSquare = 2 * z * z
    let term = z
    let sum = z
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= twiceSquare / (2 * n + 1)
      sum += term
    }
    return 1 - TWO_OVER_SQRT_PI * gaussian * sum
  }
  let fraction = z
  for (let k = CONTINUED_FRACTION_TERMS; k >= 1; k--) fraction = z + k / 2 / fraction
  return (ONE_OVER_SQRT_PI * gaussian) / fraction
}
