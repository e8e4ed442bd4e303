import { betaTailQuantile } from './betaQuantile.js'
import { quantileOfProbability } from './normalQuantile.js'

/** From this many degrees of freedom on, the Cornish–Fisher series is exact to double precision. */
const SERIES_FROM = 1e5

/**
 * The p-quantile of Student's t distribution with `degreesOfFreedom` (scipy `t.ppf`, R `qt`,
 * Excel `T.INV`), for 0 < p < 1 and degreesOfFreedom > 0. Internal: callers check both.
 *
 * ```text
 * T² / (ν + T²) ~ Beta(1/2, ν/2), so for p < 1/2:
 *   y = the point with P(Y > y) = 2p, Y ~ Beta(1/2, ν/2);  t = −√(ν·y / (1 − y))
 *   (for y > 1/2, from x = 1 − y with P(X < x) = 2p, X ~ Beta(ν/2, 1/2): t = −√(ν(1 − x)/x))
 * t(1 − p) = −t(p);  t(1/2) = 0
 * ν ≥ 1e5: t = z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴, z = Φ⁻¹(p)   (Abramowitz & Stegun 26.7.5)
 * ```
 * The Beta form is Abramowitz & Stegun 26.7.1 / 26.5.27; the quantile of the Beta is
 * `betaTailQuantile`, given the tail 2p itself so that tiny p keep their digits.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  if (p === 0.5) return 0
  const lowerHalf = p < 0.5
  const tail = lowerHalf ? p : 1 - p
  let magnitude: number
  if (degreesOfFreedom >= SERIES_FROM) {
    const z = -quantileOfProbability(tail)
    const z2 = z * z
    const z3 = z2 * z
    const z5 = z3 * z2
    const z7 = z5 * z2
    const z9 = z7 * z2
    const inverse = 1 / degreesOfFreedom
    const g1 = (z3 + z) / 4
    const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
    const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
    const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160
    magnitude = z + inverse * (g1 + inverse * (g2 + inverse * (g3 + inverse * g4)))
  } else {
    const y = betaTailQuantile(2 * tail, 0.5, degreesOfFreedom / 2, true)
    if (y <= 0.5) {
      magnitude = Math.sqrt((degreesOfFreedom * y) / (1 - y))
    } else {
      // 1 − y would cancel: solve for x = 1 − Y ~ Beta(ν/2, 1/2) instead (P(X < x) = 2p).
      const x = betaTailQuantile(2 * tail, degreesOfFreedom / 2, 0.5, false)
      magnitude = Math.sqrt((degreesOfFreedom * (1 - x)) / x)
    }
  }
  return lowerHalf ? -magnitude : magnitude
}
