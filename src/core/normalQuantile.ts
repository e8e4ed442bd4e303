import { describeValue } from './describeValue.js'
import { MetricInputError } from './MetricInputError.js'
import { standardNormalCdf } from './normalCdf.js'

// Acklam's rational approximation (relative error 1.15e-9), then refined by Halley steps.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
] as const
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
] as const
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
] as const
const D = [
  7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416,
] as const
const LOW = 0.02425
const SQRT_TWO_PI = 2.5066282746310002

/**
 * The quantile function (inverse CDF) of the standard normal distribution: the `x` with
 * Φ(x) = p (R `qnorm`, Excel `NORM.S.INV`). Confidence intervals use it as the two-sided
 * critical value `z = normalQuantile((1 + confidence) / 2)`, e.g. 1.959964 for 95 %.
 *
 * ```text
 * x₀ = Acklam's rational approximation (|error| < 1.2e−9)
 * xₖ₊₁ = xₖ − u / (1 + xₖ·u/2),  u = (Φ(xₖ) − p) · √(2π) · e^(xₖ²/2)   (Halley, twice)
 * ```
 *
 * @param p - A probability strictly between 0 and 1.
 * @returns The quantile, a finite number (about ±38.5 at the ends of the double range).
 * @throws MetricInputError `VALUE_OUT_OF_RANGE` when `p` is 0, 1 (infinite quantiles: Excel
 *   `NORM.S.INV` answers `#NUM!` there, R `qnorm` ±Inf), outside them, or not a number.
 * @example
 * ```ts
 * normalQuantile(0.975) // => 1.959963984540054
 * ```
 * @see P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution
 *   function" (2003); R `qnorm`.
 * @category Core
 */
export function normalQuantile(p: number): number {
  if (!(typeof p === 'number' && p > 0 && p < 1)) {
    throw new MetricInputError({
      code: 'VALUE_OUT_OF_RANGE',
      metric: 'normalQuantile',
      path: ['p'],
      message: `normalQuantile: p is ${describeValue(p)}; it must be a probability strictly between 0 and 1`,
    })
  }
  return quantileOfProbability(p)
}

/**
 * Φ⁻¹(p) for 0 < p < 1, unchecked. Below p ≈ 1e−300 the Halley step's e^(x²/2) overflows:
 * the rational approximation is then kept as it is (relative error < 1.2e−9). Internal.
 */
export function quantileOfProbability(p: number): number {
  let x = initialQuantile(p)
  for (let step = 0; step < 2; step++) {
    const u = (standardNormalCdf(x) - p) * SQRT_TWO_PI * Math.exp((x * x) / 2)
    const next = x - u / (1 + (x * u) / 2)
    if (!Number.isFinite(next)) break
    x = next
  }
  return x
}

function initialQuantile(p: number): number {
  if (p < LOW || p > 1 - LOW) {
    const q = Math.sqrt(-2 * Math.log(p < LOW ? p : 1 - p))
    const value =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1)
    return p < LOW ? value : -value
  }
  const q = p - 0.5
  const r = q * q
  return (
    ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
  )
}
